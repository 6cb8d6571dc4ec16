using Connector.Core.Crm;
using Connector.Worker.Crm;
using Connector.Worker.Hosting;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Crm;

/// <summary><c>Crm:Provider=Zendesk</c>: what it composes, and a Worker that will not start on a wrong or missing <c>Crm:Zendesk:*</c> key.</summary>
public sealed class ZendeskStartupTests
{
    [Fact]
    public void Zendesk_composes_the_Zendesk_adapter_as_the_CRM_syncs_ports_with_the_capabilities_it_declares()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crm:Provider"] = "zendesk",
            ["Crm:Zendesk:Subdomain"] = "acme",
            ["Crm:Zendesk:Email"] = "integration@acme.example",
            ["Crm:Zendesk:ApiToken"] = "token",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddCrmSync(configuration).AddCrmAdapter(StartupConfiguration.Read(configuration), configuration);
        using var provider = services.BuildServiceProvider();

        var ports = provider.GetRequiredService<CrmPorts>();

        Assert.Equal("zendesk", ports.Crm);
        Assert.Equal(Zendesk.ZendeskServiceCollectionExtensions.Descriptor, ports.Descriptor);
        Assert.True(ports.Batches);
        Assert.True(ports.WritesCases);
        Assert.True(ports.Descriptor.Can(CrmCapabilities.BinaryAttachments));
    }

    [Theory]
    [InlineData(null, "integration@acme.example", "token", "Crm:Zendesk:Subdomain")]
    [InlineData("acme.zendesk.com", "integration@acme.example", "token", "Crm:Zendesk:Subdomain")]
    [InlineData("acme", null, "token", "Crm:Zendesk:Email")]
    [InlineData("acme", "integration@acme.example", null, "Crm:Zendesk needs Email and ApiToken")]
    public async Task A_wrong_or_missing_Zendesk_key_stops_start_up_naming_it(string? subdomain, string? email, string? token, string named)
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>
        {
            ["Crm__Provider"] = "Zendesk",
            ["Crm__Zendesk__Subdomain"] = subdomain,
            ["Crm__Zendesk__Email"] = email,
            ["Crm__Zendesk__ApiToken"] = token,
        });

        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ConnectorHost.ConfigurationErrorExitCode, exitCode);
        Assert.Contains($"Configuration error: ", worker.Output, StringComparison.Ordinal);
        Assert.Contains(named, worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", worker.Output, StringComparison.Ordinal);
    }
}
