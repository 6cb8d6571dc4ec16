using Connector.Core.Crm;
using Connector.Worker.Crm;
using Connector.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// The CRM adapter registry, with an adapter that exists only in the tests (<see cref="RecordingCrm"/>): registered by
/// one line, as a new adapter is in <see cref="CrmAdapters.InThisBuild"/>, it is selected by <c>Crm:Provider</c> and
/// is what the CRM sync resolves; a misspelling is refused with the allowed values.
/// </summary>
public sealed class CrmAdapterRegistryTests
{
    [Theory]
    [InlineData("Recording")]
    [InlineData("recording")]
    public void An_adapter_registered_by_one_line_is_selected_by_Crm_Provider_and_is_what_the_CRM_sync_resolves(string value)
    {
        var crm = new RecordingCrm(CrmCapabilities.Batch | CrmCapabilities.Cases);
        var adapters = new CrmAdapterRegistry().Add("Recording", crm.AddTo);

        using var provider = Compose(adapters, value);
        var ports = provider.GetRequiredService<CrmPorts>();

        Assert.Same(crm.Descriptor, ports.Descriptor);
        Assert.Equal("recording", ports.Crm);
        Assert.Same(crm, ports.Contacts);
        Assert.Same(crm, ports.Activities);
        Assert.Same(crm, ports.Attachments);
        Assert.Same(crm, ports.Cases);
        Assert.Same(crm, ports.Interactions);
    }

    [Fact]
    public void A_misspelt_adapter_name_stops_start_up_naming_Crm_Provider_and_the_allowed_values()
    {
        var adapters = new CrmAdapterRegistry().Add("Recording", new RecordingCrm(CrmCapabilities.None).AddTo);

        var refused = Assert.Throws<ConfigurationException>(() => StartupConfiguration.Read(Configuration("Recordng"), adapters));

        Assert.Equal("Crm:Provider", refused.Key);
        Assert.Equal("Crm:Provider: 'Recordng' is not a CRM adapter of this build. Allowed values: None, Recording.", refused.Message);
    }

    [Fact]
    public void Optional_ports_are_used_exactly_when_the_descriptor_declares_their_capability()
    {
        var crm = new RecordingCrm(CrmCapabilities.None);

        using var provider = Compose(new CrmAdapterRegistry().Add("Recording", crm.AddTo), "Recording");
        var ports = provider.GetRequiredService<CrmPorts>();

        Assert.Null(ports.Cases);
        Assert.Null(ports.Interactions);
        Assert.False(ports.WritesCases);
        Assert.False(ports.Batches);
    }

    [Fact]
    public void An_adapter_that_declares_a_capability_without_registering_its_port_stops_composition()
    {
        var crm = new RecordingCrm(CrmCapabilities.Batch);
        var adapters = new CrmAdapterRegistry().Add("Half", (services, _) => services
            .AddSingleton(crm.Descriptor)
            .AddSingleton<ICrmContactResolver>(crm)
            .AddSingleton<ICrmActivityWriter>(crm)
            .AddSingleton<ICrmAttachmentWriter>(crm));

        var refused = Assert.Throws<InvalidOperationException>(() => Compose(adapters, "Half"));

        Assert.Contains(nameof(ICrmInteractionWriter), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_adapter_that_registers_no_descriptor_stops_composition_instead_of_passing_for_None()
    {
        var crm = new RecordingCrm(CrmCapabilities.None);
        var adapters = new CrmAdapterRegistry().Add("Nameless", (services, _) => services.AddSingleton<ICrmContactResolver>(crm));

        var refused = Assert.Throws<InvalidOperationException>(() => Compose(adapters, "Nameless"));

        Assert.Contains(nameof(CrmAdapterDescriptor), refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("None")]
    [InlineData("recording")]
    public void A_name_that_is_already_a_value_of_Crm_Provider_cannot_be_registered_again(string name)
    {
        var adapters = new CrmAdapterRegistry().Add("Recording", new RecordingCrm(CrmCapabilities.None).AddTo);

        Assert.Throws<ArgumentException>(() => adapters.Add(name, new RecordingCrm(CrmCapabilities.None).AddTo));
    }

    /// <summary>What Program.cs does with the registry: read the start-up settings, then the CRM sync and the selected adapter.</summary>
    private static ServiceProvider Compose(CrmAdapterRegistry adapters, string provider)
    {
        var configuration = Configuration(provider);
        var startup = StartupConfiguration.Read(configuration, adapters);
        return new ServiceCollection().AddLogging().AddCrmSync(configuration).AddCrmAdapter(startup, configuration).BuildServiceProvider();
    }

    private static IConfiguration Configuration(string provider) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Crm:Provider"] = provider }).Build();
}
