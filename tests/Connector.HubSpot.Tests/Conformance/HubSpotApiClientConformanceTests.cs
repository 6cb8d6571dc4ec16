using Connector.Fakes.Crm.HubSpot;
using Connector.Tests.NodeJs;

namespace Connector.HubSpot.Tests.Conformance;

/// <summary>
/// HubSpot's own Node client, @hubspot/api-client (tests/conformance/hubspot, installed with <c>npm ci</c>), against
/// the fake: a fake that the vendor's client cannot talk to is not faithful.
/// </summary>
public sealed class HubSpotApiClientConformanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ConformanceDirectory => Path.Combine(RepositoryRoot(), "tests", "conformance", "hubspot");

    [Fact]
    public async Task The_official_client_searches_creates_upserts_associates_and_uploads_a_file_on_the_fake()
    {
        Assert.SkipWhen(NodeRunner.FindNode() is null, "node is not installed (not on PATH): the @hubspot/api-client conformance check is skipped.");
        Assert.SkipUnless(
            Directory.Exists(Path.Combine(ConformanceDirectory, "node_modules", "@hubspot", "api-client")),
            $"@hubspot/api-client is not installed: run `npm ci --prefix {ConformanceDirectory}` first.");
        var options = new FakeHubSpotOptions();
        await using var fake = await FakeHubSpotServer.StartAsync(options, Ct);
        var seeded = fake.Seed("contacts", new Dictionary<string, string?> { ["firstname"] = "Ada", ["lastname"] = "Lovelace", ["phone"] = "(020) 7946 0958" });

        var result = await NodeRunner.RunAsync(["hubspot-conformance.mjs"], new Dictionary<string, string>
        {
            ["HUBSPOT_BASE_URL"] = fake.BaseUrl.ToString(),
            ["HUBSPOT_ACCESS_TOKEN"] = fake.IssueAccessToken(),
            ["HUBSPOT_KEY_PROPERTY"] = options.KeyProperty,
            ["HUBSPOT_OWNER_ID"] = options.OwnerId,
        }, ConformanceDirectory, TimeSpan.FromSeconds(60), Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(fake.Requests, r => r is { Method: "POST", Path: "/crm/v3/objects/contacts/search", StatusCode: 200 });
        Assert.Contains(fake.Requests, r => r is { Path: "/crm/v3/objects/contacts", StatusCode: 409 });
        Assert.Equal(2, fake.UpsertBatches.Count);
        var calls = fake.Records("calls");
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal([seeded], fake.Associated("calls", c.Id, "contacts")));
        Assert.Single(fake.Files);
        Assert.Equal("PRIVATE", fake.Files[0].Access);
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
