using Connector.Crm.Contract;
using Connector.Salesforce.Tests.Infrastructure;

namespace Connector.Salesforce.Tests.Contract;

/// <summary>The CRM adapter contract, run against the Salesforce adapter and the fake Salesforce.</summary>
public sealed class SalesforceContractTests : CrmAdapterContractTests
{
    protected override async Task<(ICrmFake Fake, CrmAdapterUnderTest Adapter, IAsyncDisposable Lifetime)> StartAsync(
        IReadOnlyDictionary<string, string?> workerSettings, CancellationToken ct)
    {
        var host = await SalesforceAdapterHost.StartAsync(ct, settings =>
        {
            foreach (var (key, value) in workerSettings)
            {
                settings[key] = value;
            }
        });
        return (new SalesforceCrmFake(host.Fake), host.Adapter, host);
    }
}
