using Connector.Worker.Crm;
using Connector.Worker.Hosting;
using Microsoft.Extensions.Configuration;

namespace Connector.Worker.Tests.Crm;

/// <summary>Which <c>Crm:Provider</c> values this build starts with.</summary>
public sealed class CrmProviderStartupTests
{
    [Theory]
    [InlineData("None", CrmProvider.None)]
    [InlineData("salesforce", CrmProvider.Salesforce)]
    public void A_provider_with_an_adapter_in_this_build_starts(string value, CrmProvider expected)
    {
        Assert.Equal(expected, StartupConfiguration.Read(Configuration(value)).CrmProvider);
    }

    [Theory]
    [InlineData("Dynamics")]
    [InlineData("HubSpot")]
    [InlineData("Zendesk")]
    public void A_provider_whose_adapter_is_not_built_yet_is_refused_naming_what_starts(string value)
    {
        var refused = Assert.Throws<ConfigurationException>(() => StartupConfiguration.Read(Configuration(value)));
        Assert.Contains("Crm:Provider", refused.Message, StringComparison.Ordinal);
        Assert.Contains("None and Salesforce", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string provider) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Crm:Provider"] = provider }).Build();
}
