using Connector.Fakes.Crm.Zendesk;
using Connector.Tests.NodeJs;

namespace Connector.Zendesk.Tests.Conformance;

/// <summary>
/// node-zendesk (tests/conformance/zendesk, installed with <c>npm ci</c>) against the fake: a fake that the vendor's
/// JavaScript client cannot talk to is not faithful.
/// </summary>
public sealed class NodeZendeskConformanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ConformanceDirectory => Path.Combine(RepositoryRoot(), "tests", "conformance", "zendesk");

    [Fact]
    public async Task Node_zendesk_searches_creates_or_updates_a_user_uploads_and_creates_and_updates_tickets_on_the_fake()
    {
        Assert.SkipWhen(NodeRunner.FindNode() is null, "node is not installed (not on PATH): the node-zendesk conformance check is skipped.");
        Assert.SkipUnless(
            Directory.Exists(Path.Combine(ConformanceDirectory, "node_modules", "node-zendesk")),
            $"node-zendesk is not installed: run `npm ci --prefix {ConformanceDirectory}` first.");
        var options = new FakeZendeskOptions();
        await using var fake = await FakeZendeskServer.StartAsync(options, Ct);
        fake.SeedUser("Jane Roe", "(513) 555-7611", null);
        fake.SeedUser("Not Her", "(513) 555-7612", null);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "Agent: hello\nCustomer: hi", Ct);
        try
        {
            var result = await NodeRunner.RunAsync(["node-zendesk-conformance.mjs"], new Dictionary<string, string>
            {
                ["ZD_URL"] = fake.BaseUrl.ToString(),
                ["ZD_EMAIL"] = options.AdminEmail,
                ["ZD_TOKEN"] = options.ApiToken,
                ["ZD_OAUTH_TOKEN"] = fake.IssueAccessToken(),
                ["ZD_FILE"] = file,
            }, ConformanceDirectory, TimeSpan.FromSeconds(60), Ct);

            Assert.True(result.ExitCode == 0, result.ToString());
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Contains(fake.Requests, r => r is { Method: "POST", Path: "/api/v2/uploads", StatusCode: 201 });
        Assert.Contains(fake.Requests, r => r is { Method: "POST", Path: "/api/v2/users/create_or_update", StatusCode: 201 });
        Assert.Contains(fake.Requests, r => r is { Method: "PUT", StatusCode: 422 });
        Assert.Contains(fake.Requests, r => r is { StatusCode: 401 });
        var ticket = Assert.Single(fake.Tickets(), t => t.ExternalId == "node-conversation");
        Assert.Equal("solved", ticket.Status);
        Assert.Equal("Agent: hello\nCustomer: hi", System.Text.Encoding.UTF8.GetString(Assert.Single(ticket.Comments.First().Attachments).Content));
        Assert.Equal(4, fake.Tickets().Count);
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
