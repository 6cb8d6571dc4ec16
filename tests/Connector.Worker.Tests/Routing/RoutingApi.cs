using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Routing;

/// <summary>Short ways to drive the routing API of a Worker.</summary>
internal static class RoutingApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task AgentOnlineAsync(this WorkerProcess worker, string id, params string[] channels)
    {
        (await worker.Http.PutAsJsonAsync($"/api/agents/{id}", new { name = id, capacityProfile = "standard", languages = new[] { "en" } }, Ct)).EnsureSuccessStatusCode();
        (await worker.Http.PutAsJsonAsync($"/api/agents/{id}/presence", new { channels }, Ct)).EnsureSuccessStatusCode();
    }

    public static async Task<Guid> WhatsAppArrivesAsync(this WorkerProcess worker, string phone, string? eventId = null)
    {
        var response = await worker.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = eventId ?? Guid.NewGuid().ToString(),
            channel = "whatsapp",
            type = "message",
            identities = new[] { new { kind = "whatsapp", value = phone } },
            text = "Hello?",
        }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("taskId").GetGuid();
    }

    public static async Task<JsonElement> TaskAsync(this WorkerProcess worker, Guid taskId)
    {
        var tasks = await worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct);
        return tasks.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == taskId);
    }

    public static async Task<string> WaitForOfferAsync(this WorkerProcess worker, Guid taskId, string? notTo = null)
    {
        string? agent = null;
        await Eventually.TrueAsync(async () =>
        {
            var task = await worker.TaskAsync(taskId);
            agent = task.GetProperty("assignedAgentId").GetString();
            return task.GetProperty("state").GetString() == "offered" && agent != notTo;
        }, TimeSpan.FromSeconds(15), () => worker.Output);
        return agent!;
    }
}
