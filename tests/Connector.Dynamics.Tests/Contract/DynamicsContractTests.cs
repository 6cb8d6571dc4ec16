using Connector.Crm.Contract;
using Connector.Dynamics.Tests.Infrastructure;

namespace Connector.Dynamics.Tests.Contract;

/// <summary>The CRM adapter contract, run against the Dynamics adapter and the fake Dataverse.</summary>
public sealed class DynamicsContractTests : CrmAdapterContractTests
{
    protected override async Task<(ICrmFake Fake, CrmAdapterUnderTest Adapter, IAsyncDisposable Lifetime)> StartAsync(
        IReadOnlyDictionary<string, string?> workerSettings, CancellationToken ct)
    {
        var host = await DynamicsAdapterHost.StartAsync(ct, settings =>
        {
            foreach (var (key, value) in workerSettings)
            {
                settings[key] = value;
            }
        });
        return (new DynamicsCrmFake(host.Fake), host.Adapter, host);
    }
}
