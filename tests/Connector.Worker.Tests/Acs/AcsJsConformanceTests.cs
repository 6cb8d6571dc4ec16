using Connector.Tests.NodeJs;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Acs;

/// <summary>
/// The official ACS JavaScript clients (tests/conformance/acs, installed with <c>npm ci</c>) against the fake: a fake
/// they cannot talk to is not faithful.
/// </summary>
public sealed class AcsJsConformanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ConformanceDirectory => Path.Combine(RepositoryPaths.Root, "tests", "conformance", "acs");

    [Fact]
    public async Task The_official_identity_and_chat_clients_create_users_a_thread_and_messages_on_the_fake()
    {
        RequireInstalledClients();
        await using var fake = await FakeAcsServer.StartAsync(new FakeAcsServerOptions { EnableHttps = true }, Ct);

        var result = await RunAsync("identity-and-chat.mjs", fake, new Dictionary<string, string>
        {
            ["ACS_CHAT_ENDPOINT"] = fake.HttpsEndpoint!.ToString(),
            ["ACS_WRONG_KEY_CONNECTION_STRING"] = fake.ConnectionStringWithKey(Convert.ToBase64String("not-the-key"u8)),
            ["NODE_EXTRA_CA_CERTS"] = fake.CertificatePemPath!,
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(fake.Requests, r => r is { Method: "POST", Target: "/identities?api-version=2023-10-01", StatusCode: 201 });
        Assert.Contains(fake.Requests, r => r.Method == "POST" && r.Path.EndsWith("/:issueAccessToken", StringComparison.Ordinal) && r.StatusCode == 200);
        Assert.Contains(fake.Requests, r => r is { Method: "POST", Target: "/chat/threads?api-version=2025-03-15", StatusCode: 201 });
        Assert.Equal(2, Assert.Single(fake.Threads).Messages.Count(m => m.Type == "text"));
    }

    [Fact]
    public async Task The_official_email_client_sends_and_polls_its_operation_on_the_fake()
    {
        RequireInstalledClients();
        await using var fake = await FakeAcsServer.StartAsync(new FakeAcsServerOptions { EmailRunningPolls = 1 }, Ct);

        var result = await RunAsync("email.mjs", fake, new Dictionary<string, string>());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(fake.Requests, r => r is { Method: "POST", Target: "/emails:send?api-version=2025-09-01", StatusCode: 202 });
        Assert.Contains(fake.Requests, r => r.Method == "GET" && r.Path.StartsWith("/emails/operations/", StringComparison.Ordinal) && r.StatusCode == 200);
        var sent = Assert.Single(fake.EmailOperations);
        Assert.Equal("<order-1234@example.com>", sent.Message["headers"]!["In-Reply-To"]!.GetValue<string>());
    }

    private static void RequireInstalledClients()
    {
        Assert.SkipWhen(NodeRunner.FindNode() is null, "node is not installed (not on PATH): the ACS JavaScript conformance checks are skipped.");
        Assert.SkipUnless(
            Directory.Exists(Path.Combine(ConformanceDirectory, "node_modules", "@azure", "communication-identity")),
            $"The ACS JavaScript clients are not installed: run `npm ci --prefix {ConformanceDirectory}` first.");
    }

    private static Task<NodeResult> RunAsync(string script, FakeAcsServer fake, Dictionary<string, string> environment)
    {
        environment["ACS_CONNECTION_STRING"] = fake.ConnectionString;
        return NodeRunner.RunAsync([script], environment, ConformanceDirectory, TimeSpan.FromSeconds(60), Ct);
    }
}
