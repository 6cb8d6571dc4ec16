using Connector.Crm.Contract;
using Connector.Zendesk.Tests.Infrastructure;

namespace Connector.Zendesk.Tests.Contract;

/// <summary>
/// The CRM adapter contract, run against the Zendesk adapter and the fake Zendesk. The adapter signs in with OAuth
/// (a refresh token exchanged at /oauth/tokens), so that an expired token can be renewed as the contract asks.
/// </summary>
public sealed class ZendeskContractTests : CrmAdapterContractTests
{
    protected override async Task<(ICrmFake Fake, CrmAdapterUnderTest Adapter, IAsyncDisposable Lifetime)> StartAsync(
        IReadOnlyDictionary<string, string?> workerSettings, CancellationToken ct)
    {
        var host = await ZendeskAdapterHost.StartAsync(ct, settings =>
        {
            foreach (var (key, value) in workerSettings)
            {
                settings[key] = value;
            }
        }, oauth: true);
        return (new ZendeskCrmFake(host.Fake), host.Adapter, host);
    }
}
