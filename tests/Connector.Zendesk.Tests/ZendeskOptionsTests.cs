using Connector.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Zendesk.Tests;

/// <summary><c>Crm:Zendesk</c> is checked when the adapter is composed: a wrong or missing key is named, before any call.</summary>
public sealed class ZendeskOptionsTests
{
    public static TheoryData<string?, string?, string?, string?, string?, string> Refusals => new()
    {
        { null, null, "a@acme.example", "t", null, "Crm:Zendesk:Subdomain" },
        { "https://acme.zendesk.com", null, "a@acme.example", "t", null, "Crm:Zendesk:Subdomain must be the subdomain alone" },
        { "acme", null, null, "t", null, "Crm:Zendesk:Email" },
        { "acme", null, "not-an-address", "t", null, "Crm:Zendesk:Email" },
        { "acme", null, null, null, null, "Crm:Zendesk needs Email and ApiToken" },
        { null, "ftp://acme.example", "a@acme.example", "t", null, "Crm:Zendesk:BaseUrl" },
        { "acme", null, "a@acme.example", "t", "v1", "Crm:Zendesk:ApiVersion" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_wrong_or_missing_key_is_refused_at_start_naming_it(string? subdomain, string? baseUrl, string? email, string? token, string? version, string named)
    {
        using var services = Build(new()
        {
            ["Crm:Zendesk:Subdomain"] = subdomain,
            ["Crm:Zendesk:BaseUrl"] = baseUrl,
            ["Crm:Zendesk:Email"] = email,
            ["Crm:Zendesk:ApiToken"] = token,
            ["Crm:Zendesk:ApiVersion"] = version,
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(refused.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void OAuth_needs_its_client_id_and_secret_with_the_refresh_token()
    {
        using var services = Build(new() { ["Crm:Zendesk:Subdomain"] = "acme", ["Crm:Zendesk:OAuthRefreshToken"] = "r" });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(refused.Failures, f => f.StartsWith("Crm:Zendesk:OAuthClientId", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Crm:Zendesk:OAuthClientSecret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Crm:Zendesk:DefaultRegion", "XQ")]
    [InlineData("Crm:Zendesk:MaxUploadBytes", "60000000")]
    [InlineData("Crm:Zendesk:TicketTags:0", "Contact Centre")]
    [InlineData("Crm:Zendesk:JobPollInterval", "00:00:00")]
    public void A_wrong_value_is_refused_naming_its_key(string key, string value)
    {
        using var services = Build(new() { ["Crm:Zendesk:Subdomain"] = "acme", ["Crm:Zendesk:Email"] = "a@acme.example", ["Crm:Zendesk:ApiToken"] = "t", [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var prefix = key.EndsWith(":0", StringComparison.Ordinal) ? key[..^2] : key;
        Assert.Contains(refused.Failures, f => f.Contains(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void A_subdomain_and_an_API_token_are_enough()
    {
        using var services = Build(new() { ["Crm:Zendesk:Subdomain"] = "acme", ["Crm:Zendesk:Email"] = "a@acme.example", ["Crm:Zendesk:ApiToken"] = "t" });

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(new Uri("https://acme.zendesk.com/"), services.GetRequiredService<IOptions<ZendeskOptions>>().Value.AccountUrl);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Identity:DefaultRegion"] = "GB";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddConnectorCore(configuration).AddZendeskAdapter(configuration).BuildServiceProvider();
    }
}
