using Connector.Worker.Acs;
using Connector.Worker.Hosting;

namespace Connector.Worker.Tests.Acs;

public sealed class AcsConnectionStringTests
{
    private const string Key = "c2VjcmV0LWtleS1ieXRlcy1mb3ItdGVzdHM=";

    [Fact]
    public void The_portal_format_gives_the_endpoint_and_the_decoded_key()
    {
        var parsed = AcsConnectionString.Parse($"endpoint=https://contoso.communication.azure.com/;accesskey={Key}");

        Assert.Equal(new Uri("https://contoso.communication.azure.com/"), parsed.Endpoint);
        Assert.Equal(Convert.FromBase64String(Key), parsed.AccessKey.ToArray());
    }

    [Theory]
    [InlineData("ENDPOINT=https://contoso.communication.azure.com/;AccessKey=" + Key)]
    [InlineData("accesskey=" + Key + ";endpoint=https://contoso.communication.azure.com")]
    [InlineData(" endpoint = https://contoso.communication.azure.com/ ; accesskey = " + Key + " ;")]
    public void Keys_are_case_insensitive_in_any_order_and_the_endpoint_always_ends_in_a_slash(string value)
    {
        var parsed = AcsConnectionString.Parse(value);

        Assert.Equal("https://contoso.communication.azure.com/", parsed.Endpoint.ToString());
        Assert.Equal(Convert.FromBase64String(Key), parsed.AccessKey.ToArray());
    }

    [Fact]
    public void A_loopback_http_endpoint_with_a_port_works_for_fakes()
    {
        var parsed = AcsConnectionString.Parse($"endpoint=http://127.0.0.1:41234/;accesskey={Key}");

        Assert.Equal("http://127.0.0.1:41234/", parsed.Endpoint.ToString());
        Assert.Equal("127.0.0.1:41234", parsed.Endpoint.Authority);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("accesskey=" + Key, "has no endpoint")]
    [InlineData("endpoint=https://contoso.communication.azure.com/", "has no accesskey")]
    [InlineData("endpoint=contoso;accesskey=" + Key, "is not an absolute https URL")]
    [InlineData("endpoint=http://contoso.communication.azure.com/;accesskey=" + Key, "only https is accepted")]
    [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=not*base64!", "accesskey is not a base64 key")]
    public void A_bad_value_is_refused_naming_the_key_and_what_is_wrong(string value, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => AcsConnectionString.Parse(value));

        Assert.Equal("Acs:ConnectionString", error.Key);
        Assert.StartsWith("Acs:ConnectionString: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=not*base64!SECRET", "not*base64!SECRET")]
    [InlineData("endpoint=http://contoso.example/;accesskey=" + Key, Key)]
    [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=" + Key + ";accesskey=" + Key, Key)]
    public void The_access_key_never_appears_in_an_error(string value, string secret)
    {
        var error = Assert.Throws<ConfigurationException>(() => AcsConnectionString.Parse(value));

        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formatting_shows_the_endpoint_but_not_the_key()
    {
        var parsed = AcsConnectionString.Parse($"endpoint=https://contoso.communication.azure.com/;accesskey={Key}");

        Assert.Equal("endpoint=https://contoso.communication.azure.com/;accesskey=***", parsed.ToString());
    }
}
