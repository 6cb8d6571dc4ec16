using Connector.Fakes.Crm.Dynamics;
using Connector.Tests.NodeJs;

namespace Connector.Dynamics.Tests.Conformance;

/// <summary>
/// dynamics-web-api (tests/conformance/dynamics, installed with <c>npm ci</c>) against the fake: a fake that the
/// community reference client of the Dataverse Web API cannot talk to is not faithful.
/// </summary>
public sealed class DynamicsWebApiConformanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ConformanceDirectory => Path.Combine(RepositoryRoot(), "tests", "conformance", "dynamics");

    [Fact]
    public async Task Dynamics_web_api_retrieves_creates_upserts_and_runs_a_batch_with_a_change_set_on_the_fake()
    {
        Assert.SkipWhen(NodeRunner.FindNode() is null, "node is not installed (not on PATH): the dynamics-web-api conformance check is skipped.");
        Assert.SkipUnless(
            Directory.Exists(Path.Combine(ConformanceDirectory, "node_modules", "dynamics-web-api")),
            $"dynamics-web-api is not installed: run `npm ci --prefix {ConformanceDirectory}` first.");
        await using var fake = await FakeDynamicsServer.StartAsync(cancellationToken: Ct);
        var contact = fake.SeedContact("Grace", "Hopper", "+442079460958", "grace@example.com");

        var result = await NodeRunner.RunAsync(["dynamics-web-api-conformance.mjs"], new Dictionary<string, string>
        {
            ["DV_URL"] = fake.BaseUrl.ToString(),
            ["DV_TOKEN"] = fake.IssueAccessToken(),
            ["DV_CONTACT_ID"] = contact.ToString("D"),
        }, ConformanceDirectory, TimeSpan.FromSeconds(60), Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(fake.Requests, r => r is { Method: "GET", StatusCode: 200 } && r.Target.Contains("%2B442079460958", StringComparison.Ordinal));
        Assert.Single(fake.Batches);
        Assert.Equal(2, fake.Records("task").Count);
        var incident = Assert.Single(fake.Records("incident"));
        Assert.Contains(fake.Records("task"), t => t["_regardingobjectid_value"] == incident.Id.ToString("D"));
        Assert.Equal(2, fake.Records("contact").Count);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Connector.sln not found above " + AppContext.BaseDirectory);
    }
}
