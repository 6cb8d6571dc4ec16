using Connector.Fakes.Crm.Salesforce;
using Connector.Worker.Tests.Fakes.Acs;
using Npgsql;

namespace Connector.Worker.Tests.Crm;

/// <summary>The Worker with Crm:Provider=Salesforce pointed at a fake Salesforce (<see cref="WorkerWithFakeCrm{TFake}"/>).</summary>
internal sealed class WorkerWithFakeSalesforce : WorkerWithFakeCrm<FakeSalesforceServer>
{
    private WorkerWithFakeSalesforce(FakeSalesforceServer salesforce, FakeAcsServer acs, Dictionary<string, string?> environment, NpgsqlDataSource dataSource)
        : base(salesforce, acs, environment, dataSource, () => salesforce.Requests.Select(r => $"{r.Method} {r.Path} {r.StatusCode}"))
    {
    }

    public FakeSalesforceServer Salesforce => Fake;

    public static Task<WorkerWithFakeSalesforce> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) => StartAsync(
        () => FakeSalesforceServer.StartAsync(new FakeSalesforceOptions(), Ct),
        salesforce => new Dictionary<string, string?>
        {
            ["Crm:Provider"] = "Salesforce",
            ["Crm:Salesforce:LoginUrl"] = salesforce.BaseUrl.ToString(),
            ["Crm:Salesforce:ClientId"] = new FakeSalesforceOptions().ClientId,
            ["Crm:Salesforce:ClientSecret"] = new FakeSalesforceOptions().ClientSecret,
            ["Crm:Salesforce:ApiVersion"] = "v62.0",
        },
        (salesforce, acs, environment, dataSource) => new WorkerWithFakeSalesforce(salesforce, acs, environment, dataSource),
        settings);
}
