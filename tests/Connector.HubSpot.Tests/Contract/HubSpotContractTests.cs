using Connector.Crm.Contract;
using Connector.HubSpot.Tests.Infrastructure;

namespace Connector.HubSpot.Tests.Contract;

/// <summary>The CRM adapter contract, run against the HubSpot adapter and the fake HubSpot (whose search index lags writes).</summary>
public sealed class HubSpotContractTests : CrmAdapterContractTests
{
    protected override async Task<(ICrmFake Fake, CrmAdapterUnderTest Adapter, IAsyncDisposable Lifetime)> StartAsync(
        IReadOnlyDictionary<string, string?> workerSettings, CancellationToken ct)
    {
        var host = await HubSpotAdapterHost.StartAsync(ct, settings =>
        {
            foreach (var (key, value) in workerSettings)
            {
                settings[key] = value;
            }
        });
        return (new HubSpotCrmFake(host.Fake), host.Adapter, host);
    }
}
