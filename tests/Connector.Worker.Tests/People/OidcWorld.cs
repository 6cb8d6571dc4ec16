using System.Net.Http.Json;
using Connector.Worker.Tests.Infrastructure;
using User = Connector.Worker.Tests.People.TestOidcProvider.User;

namespace Connector.Worker.Tests.People;

/// <summary>
/// A Worker signing people in at a real OpenID provider (<see cref="TestOidcProvider"/>), shared by the tests of a
/// class: the provider must know the Worker's address (its redirect URI) before the Worker starts. Ann and Bob are
/// agents (their agent records carry their emails), Ada an admin, Sue a supervisor, Nick in no group we map.
/// </summary>
public sealed class OidcWorld : IAsyncLifetime
{
    internal static readonly User Ann = new("sub-ann", "ann@example.com", "Ann Agent", "ann-password", "agents");
    internal static readonly User Bob = new("sub-bob", "bob@example.com", "Bob Agent", "bob-password", "agents");
    internal static readonly User Ada = new("sub-ada", "ada@example.com", "Ada Admin", "ada-password", "admins", "agents-of-nothing");
    internal static readonly User Sue = new("sub-sue", "sue@example.com", "Sue Supervisor", "sue-password", "supervisors");
    internal static readonly User Nick = new("sub-nick", "nick@example.com", "Nick Nobody", "nick-password", "contractors");

    internal TestOidcProvider Provider { get; private set; } = null!;
    public WorkerProcess Worker { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var address = new Uri($"http://127.0.0.1:{WorkerProcess.FreePort()}");
        Provider = await TestOidcProvider.StartAsync(address, [Ann, Bob, Ada, Sue, Nick], ct);
        var settings = Provider.WorkerSettings();
        settings["Router__TickInterval"] = "00:00:00.100";
        Worker = WorkerProcess.Start(settings, urls: address.ToString().TrimEnd('/'));
        await Worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        foreach (var (id, person) in new[] { ("ann", Ann), ("bob", Bob) })
        {
            (await Worker.Http.PutAsJsonAsync($"/api/agents/{id}", new { name = person.Name, capacityProfile = "standard", languages = new[] { "en" }, email = person.Email }, ct))
                .EnsureSuccessStatusCode();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.DisposeAsync();
        }

        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }
}
