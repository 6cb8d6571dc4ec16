using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Push;

/// <summary>Short ways to set up what the push tests need on a Worker.</summary>
internal static class PushApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates the agent (offline) and issues an agent key acting as them; returns the key.</summary>
    public static async Task<string> AgentWithKeyAsync(this WorkerProcess worker, string agentId)
    {
        (await worker.Http.PutAsJsonAsync($"/api/agents/{agentId}", new { name = agentId, capacityProfile = "standard", languages = new[] { "en" } }, Ct)).EnsureSuccessStatusCode();
        var issued = await worker.Http.PostAsJsonAsync("/api/keys", new { name = $"panel of {agentId}", role = "agent", agentId }, Ct);
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }

    public static async Task PresenceAsync(this WorkerProcess worker, string agentId, params string[] channels) =>
        (await worker.Http.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { channels }, Ct)).EnsureSuccessStatusCode();

    public static HttpClient WithKey(this WorkerProcess worker, string key)
    {
        var client = new HttpClient { BaseAddress = worker.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
