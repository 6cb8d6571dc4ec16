using Connector.Worker.Acs;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Tests.Acs;

/// <summary>Which locations the connector fetches ACS's files from (and signs requests for).</summary>
public sealed class AcsFileHostsTests
{
    private const string Resource = "endpoint=https://contoso.communication.azure.com/;accesskey=c2VjcmV0";

    private static AcsFileHosts Hosts(params string[] configured)
    {
        var options = Options.Create(new AcsOptions { ConnectionString = Resource, FileHosts = [.. configured] });
        return new AcsFileHosts(options, new AcsConnection(options));
    }

    [Theory]
    [InlineData("https://storage.asm.skype.com/v1/objects/0-eus-d12-801b/content/video")]
    [InlineData("https://us-storage.asm.skype.com/v1/objects/0-eus/content/audio")]
    [InlineData("https://weu.storage.asm.skype.com/v1/objects/0-weu/content/deletedata")]
    [InlineData("https://contoso.communication.azure.com/messages/streams/abc")]
    public void By_default_ACS_storage_hosts_and_the_resource_endpoint_are_allowed(string location) =>
        Assert.True(Hosts().Allows(new Uri(location)));

    [Theory]
    [InlineData("https://storage.asm.skype.com.evil.example/v1/objects/x/content/video")]
    [InlineData("https://asm.skype.com.evil.example/v1/objects/x/content/video")]
    [InlineData("https://evilasm.skype.com/v1/objects/x/content/video")]
    [InlineData("http://storage.asm.skype.com/v1/objects/x/content/video")]
    [InlineData("https://user:pass@storage.asm.skype.com/v1/objects/x/content/video")]
    [InlineData("https://contoso.communication.azure.com.evil.example/messages/streams/abc")]
    [InlineData("https://169.254.169.254/metadata/instance")]
    [InlineData("http://127.0.0.1:8080/v1/objects/x/content/video")]
    [InlineData("file:///etc/passwd")]
    public void Anything_else_is_refused(string location) => Assert.False(Hosts().Allows(new Uri(location)));

    [Fact]
    public void A_configured_list_replaces_the_default_and_a_port_pins_one_server()
    {
        var hosts = Hosts("127.0.0.1:5123", "*.files.example");

        Assert.True(hosts.Allows(new Uri("http://127.0.0.1:5123/v1/objects/x/content/audio")));
        Assert.False(hosts.Allows(new Uri("http://127.0.0.1:5124/v1/objects/x/content/audio")));
        Assert.True(hosts.Allows(new Uri("https://eu.files.example/x")));
        Assert.False(hosts.Allows(new Uri("https://storage.asm.skype.com/v1/objects/x/content/video")));
        Assert.Throws<AcsDownloadRefusedException>(() => hosts.EnsureAllowed(new Uri("https://storage.asm.skype.com/x"), "recording"));
    }

    [Theory]
    [InlineData("https://storage.asm.skype.com")]
    [InlineData("*.*.skype.com")]
    [InlineData("storage.asm.skype.com/v1")]
    [InlineData("")]
    public void A_configured_entry_that_is_not_a_host_pattern_is_named_at_start(string entry)
    {
        var result = new AcsOptionsValidator().Validate(null, new AcsOptions { FileHosts = [entry] });

        Assert.True(result.Failed);
        Assert.Contains("Acs:FileHosts:0", result.FailureMessage, StringComparison.Ordinal);
    }
}
