using Connector.Fakes.Crm.Salesforce;

using Connector.Tests.NodeJs;

namespace Connector.Salesforce.Tests.Conformance;

/// <summary>
/// jsforce (tests/conformance/salesforce, installed with <c>npm ci</c>) against the fake: a fake that the reference
/// JavaScript client cannot talk to is not faithful.
/// </summary>
public sealed class JsforceConformanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ConformanceDirectory => Path.Combine(RepositoryRoot(), "tests", "conformance", "salesforce");

    [Fact]
    public async Task Jsforce_signs_in_with_a_JWT_then_creates_queries_upserts_and_runs_a_composite_on_the_fake()
    {
        Assert.SkipWhen(NodeRunner.FindNode() is null, "node is not installed (not on PATH): the jsforce conformance check is skipped.");
        Assert.SkipUnless(
            Directory.Exists(Path.Combine(ConformanceDirectory, "node_modules", "jsforce")),
            $"jsforce is not installed: run `npm ci --prefix {ConformanceDirectory}` first.");
        var options = new FakeSalesforceOptions();
        await using var fake = await FakeSalesforceServer.StartAsync(options, Ct);
        var keyPath = fake.WritePrivateKeyFile();

        var result = await NodeRunner.RunAsync(["jsforce-conformance.mjs"], new Dictionary<string, string>
        {
            ["SF_LOGIN_URL"] = fake.BaseUrl.ToString(),
            ["SF_CLIENT_ID"] = options.ClientId,
            ["SF_USERNAME"] = options.Username,
            ["SF_AUDIENCE"] = options.Audience,
            ["SF_PRIVATE_KEY_PATH"] = keyPath,
        }, ConformanceDirectory, TimeSpan.FromSeconds(60), Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(fake.Requests, r => r is { Kind: FakeSalesforceRequestKind.Token, StatusCode: 200 });
        Assert.Contains(fake.Requests, r => r is { Method: "PATCH", Kind: FakeSalesforceRequestKind.Collection, StatusCode: 200 });
        Assert.Single(fake.CompositeRequests);
        Assert.Equal(3, fake.Records("Task").Count);
        Assert.Single(fake.Records("Case"));
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
