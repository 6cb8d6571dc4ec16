using Connector.Fakes.Crm.Dynamics;
using Connector.Worker.Tests.Fakes.Acs;
using Npgsql;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// The Worker with Crm:Provider=Dynamics pointed at a fake Dataverse and its fake Entra ID token endpoint
/// (<see cref="WorkerWithFakeCrm{TFake}"/>), with only the settings an admin must give (no key column: ids are deterministic).
/// </summary>
internal sealed class WorkerWithFakeDynamics : WorkerWithFakeCrm<FakeDynamicsServer>
{
    private WorkerWithFakeDynamics(FakeDynamicsServer dynamics, FakeAcsServer acs, Dictionary<string, string?> environment, NpgsqlDataSource dataSource)
        : base(dynamics, acs, environment, dataSource, () => dynamics.Requests.Select(r => $"{r.Method} {r.Path} {r.StatusCode}"))
    {
    }

    public FakeDynamicsServer Dynamics => Fake;

    public static Task<WorkerWithFakeDynamics> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) => StartAsync(
        () => FakeDynamicsServer.StartAsync(new FakeDynamicsOptions(), Ct),
        dynamics => new Dictionary<string, string?>
        {
            ["Crm:Provider"] = "Dynamics",
            ["Crm:Dynamics:OrganizationUrl"] = dynamics.BaseUrl.ToString(),
            ["Crm:Dynamics:AuthorityHost"] = dynamics.BaseUrl.ToString(),
            ["Crm:Dynamics:TenantId"] = dynamics.Options.TenantId,
            ["Crm:Dynamics:ClientId"] = dynamics.Options.ClientId,
            ["Crm:Dynamics:ClientSecret"] = dynamics.Options.ClientSecret,
        },
        (dynamics, acs, environment, dataSource) => new WorkerWithFakeDynamics(dynamics, acs, environment, dataSource),
        settings);
}
