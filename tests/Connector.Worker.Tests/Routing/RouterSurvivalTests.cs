using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Core.Storage;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Routing;

/// <summary>
/// The router outlives what it did not foresee: an exception in its cycle costs a back-off, not the Worker, and a
/// task whose routing keeps failing is quarantined while the others are routed. Faults come from a routing store
/// decorator registered in an in-process Worker (<see cref="FaultyRoutingStore"/>).
/// </summary>
[Collection(InProcessWorkers.Name)]
public sealed class RouterSurvivalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_exception_injected_into_the_routers_cycle_leaves_the_Worker_serving_and_routing()
    {
        await using var worker = Start(out var adminKey);
        await using var faulty = WithFaults(worker);
        var faults = faulty.Services.GetRequiredService<FaultyRoutingStore>();
        faults.FailNextCycles(3);
        using var admin = Client(faulty, adminKey);

        await Eventually.TrueAsync(() => Task.FromResult(faults.CycleFaults == 3), TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health/ready", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/tasks", Ct)).StatusCode);
        await AgentOnWhatsAppAsync(admin, "ann");
        var task = await ArrivesAsync(admin, "+447700900501");
        await Eventually.TrueAsync(async () => (await TaskAsync(admin, task)).GetProperty("state").GetString() == "offered", TimeSpan.FromSeconds(30));
        Assert.Equal("ann", (await TaskAsync(admin, task)).GetProperty("assignedAgentId").GetString());
    }

    [Fact]
    public async Task A_task_whose_routing_keeps_failing_is_quarantined_the_others_are_routed_and_an_admin_releases_it()
    {
        await using var worker = Start(out var adminKey);
        await using var faulty = WithFaults(worker);
        var faults = faulty.Services.GetRequiredService<FaultyRoutingStore>();
        using var admin = Client(faulty, adminKey);
        (await admin.PutAsJsonAsync("/api/agents/ann", new { name = "ann" }, Ct)).EnsureSuccessStatusCode();
        var poison = await ArrivesAsync(admin, "+447700900502");
        faults.Poison = poison;
        var other = await ArrivesAsync(admin, "+447700900503");

        await AgentOnWhatsAppAsync(admin, "ann");

        await Eventually.TrueAsync(async () => (await TaskAsync(admin, poison)).GetProperty("quarantined").ValueKind == JsonValueKind.Object
            && (await TaskAsync(admin, other)).GetProperty("state").GetString() == "offered", TimeSpan.FromSeconds(30));
        var quarantined = await TaskAsync(admin, poison);
        Assert.Equal("queued", quarantined.GetProperty("state").GetString());
        Assert.Contains("InjectedFaultException", quarantined.GetProperty("quarantined").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(faults.PoisonFaults >= 3, $"{faults.PoisonFaults} failed saves");
        var faultsAtQuarantine = faults.PoisonFaults;
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health/ready", Ct)).StatusCode);

        // Left alone from now on: a new task is still routed and the poison is not tried again.
        var later = await ArrivesAsync(admin, "+447700900504");
        await Eventually.TrueAsync(async () => (await TaskAsync(admin, later)).GetProperty("state").GetString() == "offered", TimeSpan.FromSeconds(30));
        Assert.Equal(faultsAtQuarantine, faults.PoisonFaults);

        faults.Poison = null; // the cause is fixed
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tasks/{poison}/quarantine", Ct)).StatusCode);
        var again = await admin.DeleteAsync($"/api/tasks/{poison}/quarantine", Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        await Eventually.TrueAsync(async () => (await TaskAsync(admin, poison)).GetProperty("state").GetString() == "offered", TimeSpan.FromSeconds(30));
        Assert.Equal(JsonValueKind.Null, (await TaskAsync(admin, poison)).GetProperty("quarantined").ValueKind);
    }

    private static InProcessWorker Start(out string adminKey)
    {
        adminKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        return new InProcessWorker(new()
        {
            ["Api:AdminKey"] = adminKey,
            ["Router:TickInterval"] = "00:00:00.100",
        });
    }

    private static WebApplicationFactory<Program> WithFaults(InProcessWorker worker) =>
        worker.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton(sp => new FaultyRoutingStore(ActivatorUtilities.CreateInstance<SqlRoutingStore>(sp)));
            services.AddSingleton<IRoutingStore>(sp => sp.GetRequiredService<FaultyRoutingStore>());
        }));

    private static HttpClient Client(WebApplicationFactory<Program> worker, string key)
    {
        var client = worker.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task AgentOnWhatsAppAsync(HttpClient admin, string agentId)
    {
        (await admin.PutAsJsonAsync($"/api/agents/{agentId}", new { name = agentId }, Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { channels = new[] { "whatsapp" } }, Ct)).EnsureSuccessStatusCode();
    }

    private static async Task<Guid> ArrivesAsync(HttpClient admin, string phone)
    {
        var arrived = await admin.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = $"survival-{phone}",
            channel = "whatsapp",
            type = "message",
            identities = new[] { new { kind = "whatsapp", value = phone } },
            text = "Hello?",
        }, Ct);
        arrived.EnsureSuccessStatusCode();
        return (await arrived.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("taskId").GetGuid();
    }

    private static async Task<JsonElement> TaskAsync(HttpClient admin, Guid taskId) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/tasks", Ct)).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == taskId);
}
