using Connector.Core.Crm;
using Connector.Core.Outbox;
using Connector.Worker.Crm;
using Connector.Worker.Hosting;
using Connector.Worker.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Crm;

/// <summary>Which <c>Crm:Provider</c> values this build starts with (<see cref="CrmAdapters.InThisBuild"/>), and what they compose.</summary>
public sealed class CrmProviderStartupTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("None", null)]
    [InlineData("none", null)]
    [InlineData("salesforce", "Salesforce")]
    [InlineData(" Salesforce ", "Salesforce")]
    [InlineData("dynamics", "Dynamics")]
    [InlineData("hubspot", "HubSpot")]
    [InlineData("ZENDESK", "Zendesk")]
    public void A_provider_with_an_adapter_in_this_build_starts(string? value, string? adapter)
    {
        Assert.Equal(adapter, StartupConfiguration.Read(Configuration(value)).CrmAdapter?.Name);
    }

    [Fact]
    public void Every_CRM_the_configuration_contract_names_has_its_adapter_in_this_build()
    {
        Assert.Equal(["None", "Salesforce", "Dynamics", "HubSpot", "Zendesk"], CrmAdapters.InThisBuild.AllowedValues);
    }

    // A build without an adapter (a slimmer one, or one of these before its adapter arrived) tells its name from a typo.
    [Theory]
    [InlineData("hubspot", "HubSpot")]
    [InlineData("Zendesk", "Zendesk")]
    public void A_contract_name_whose_adapter_a_build_lacks_is_refused_naming_what_starts(string value, string name)
    {
        var registry = new CrmAdapterRegistry().Add("Salesforce", Salesforce.SalesforceServiceCollectionExtensions.AddSalesforceAdapter);

        var refused = Assert.Throws<ConfigurationException>(() => registry.Select(value));

        Assert.Equal("Crm:Provider", refused.Key);
        Assert.Equal($"Crm:Provider: the {name} adapter is not part of this build. Allowed values: None, Salesforce.", refused.Message);
    }

    [Fact]
    public void A_misspelt_provider_is_refused_listing_the_allowed_values()
    {
        var refused = Assert.Throws<ConfigurationException>(() => StartupConfiguration.Read(Configuration("Salesfroce")));

        Assert.Equal("Crm:Provider: 'Salesfroce' is not a CRM adapter of this build. Allowed values: None, Salesforce, Dynamics, HubSpot, Zendesk.", refused.Message);
    }

    [Fact]
    public void Salesforce_composes_the_Salesforce_adapter_as_the_CRM_syncs_ports_with_the_capabilities_it_declares()
    {
        var configuration = Configuration("Salesforce", new()
        {
            ["Crm:Salesforce:LoginUrl"] = "https://login.example.test",
            ["Crm:Salesforce:ClientId"] = "client",
            ["Crm:Salesforce:ClientSecret"] = "secret",
        });
        var services = new ServiceCollection().AddLogging().AddCrmSync(configuration).AddCrmAdapter(StartupConfiguration.Read(configuration), configuration);
        using var provider = services.BuildServiceProvider();

        var ports = provider.GetRequiredService<CrmPorts>();

        Assert.Equal("salesforce", ports.Crm);
        Assert.Equal(Salesforce.SalesforceServiceCollectionExtensions.Descriptor, ports.Descriptor);
        Assert.True(ports.Batches);
        Assert.True(ports.WritesCases);
        Assert.True(ports.Descriptor.Can(CrmCapabilities.BinaryAttachments));
    }

    [Fact]
    public void None_composes_no_adapter_and_no_CRM_kind_so_no_CRM_work_is_written()
    {
        var configuration = Configuration("None");
        var services = new ServiceCollection().AddLogging().AddOutbox(configuration).AddCrmSync(configuration).AddCrmAdapter(StartupConfiguration.Read(configuration), configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Null(provider.GetService<CrmAdapterDescriptor>());
        Assert.Null(provider.GetService<ICrmContactResolver>());
        var consumers = provider.GetRequiredService<IOutboxConsumers>();
        Assert.All([OutboxKind.ContactSync, OutboxKind.InteractionSync, OutboxKind.CrmAttach], kind => Assert.False(consumers.Consumes(kind), kind));
    }

    [Fact]
    public void An_adapter_brings_the_CRM_kinds_into_the_dispatch_table_run_by_the_CRM_sync_job()
    {
        var configuration = Configuration("Salesforce", new()
        {
            ["Crm:Salesforce:LoginUrl"] = "https://login.salesforce.com",
            ["Crm:Salesforce:ClientId"] = "client",
            ["Crm:Salesforce:ClientSecret"] = "secret",
        });
        var services = new ServiceCollection().AddLogging().AddOutbox(configuration).AddCrmSync(configuration).AddCrmAdapter(StartupConfiguration.Read(configuration), configuration);
        using var provider = services.BuildServiceProvider();

        var table = provider.GetRequiredService<OutboxHandlers>();
        Assert.Equal(typeof(CrmContactSync), table.Find(OutboxKind.ContactSync)?.Handler);
        Assert.Equal(typeof(CrmInteractionSync), table.Find(OutboxKind.InteractionSync)?.Handler);
        Assert.Equal(typeof(CrmAttachmentSync), table.Find(OutboxKind.CrmAttach)?.Handler);
        Assert.True(provider.GetRequiredService<IOutboxConsumers>().Consumes(OutboxKind.ContactSync));
        // Salesforce pops records from the panel (Open CTI), not from the server: no screen-pop work is written.
        Assert.False(provider.GetRequiredService<IOutboxConsumers>().Consumes(OutboxKind.CrmScreenPop));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Zendesk_brings_the_screen_pop_kind_into_the_dispatch_table_only_with_talk_partner_edition(string talkPartnerEdition, bool popped)
    {
        var configuration = Configuration("Zendesk", new()
        {
            ["Crm:Zendesk:Subdomain"] = "acme",
            ["Crm:Zendesk:Email"] = "connector@acme.example",
            ["Crm:Zendesk:ApiToken"] = "token",
            ["Crm:Zendesk:TalkPartnerEdition"] = talkPartnerEdition,
        });
        var services = new ServiceCollection().AddLogging().AddOutbox(configuration).AddCrmSync(configuration).AddCrmAdapter(StartupConfiguration.Read(configuration), configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(popped, provider.GetRequiredService<IOutboxConsumers>().Consumes(OutboxKind.CrmScreenPop));
        Assert.Equal(popped ? typeof(CrmScreenPopSync) : null, provider.GetRequiredService<OutboxHandlers>().Find(OutboxKind.CrmScreenPop)?.Handler);
        Assert.Equal(popped, provider.GetRequiredService<CrmAdapterDescriptor>().Can(CrmCapabilities.ScreenPop));
    }

    private static IConfiguration Configuration(string? provider, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["Crm:Provider"] = provider;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
