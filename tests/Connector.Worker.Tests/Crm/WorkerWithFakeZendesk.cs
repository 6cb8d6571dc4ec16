using Connector.Fakes.Crm.Zendesk;
using Connector.Worker.Tests.Fakes.Acs;
using Npgsql;

namespace Connector.Worker.Tests.Crm;

/// <summary>The Worker with Crm:Provider=Zendesk pointed at a fake Zendesk (<see cref="WorkerWithFakeCrm{TFake}"/>), with the fake's own settings.</summary>
internal sealed class WorkerWithFakeZendesk : WorkerWithFakeCrm<FakeZendeskServer>
{
    private WorkerWithFakeZendesk(FakeZendeskServer zendesk, FakeAcsServer acs, Dictionary<string, string?> environment, NpgsqlDataSource dataSource)
        : base(zendesk, acs, environment, dataSource, () => zendesk.Requests.Select(r => $"{r.Method} {r.Path} {r.StatusCode}"))
    {
    }

    public FakeZendeskServer Zendesk => Fake;

    public static Task<WorkerWithFakeZendesk> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, FakeZendeskOptions? account = null) => StartAsync(
        () => FakeZendeskServer.StartAsync(account ?? new FakeZendeskOptions(), Ct),
        zendesk => zendesk.ConnectorSettings(),
        (zendesk, acs, environment, dataSource) => new WorkerWithFakeZendesk(zendesk, acs, environment, dataSource),
        settings);
}
