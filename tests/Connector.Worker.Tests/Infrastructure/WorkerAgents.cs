using System.Net.Http.Json;
using System.Text.Json;

namespace Connector.Worker.Tests.Infrastructure;

/// <summary>Agents who take work on a Worker through its API, as the panel would: online, offered, accepted.</summary>
public static class WorkerAgents
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The agent (made if new) goes online on <paramref name="channel"/> and accepts the offer of the conversation's task,
    /// so that they hold it; returns their client (it acts as them).
    /// </summary>
    public static async Task<HttpClient> TakeConversationAsync(this WorkerProcess worker, string agentId, Guid conversationId, string channel)
    {
        var agents = await worker.Http.GetFromJsonAsync<JsonElement>("/api/agents", Ct);
        var known = agents.EnumerateArray().FirstOrDefault(a => a.GetProperty("id").GetString() == agentId);
        if (known.ValueKind == JsonValueKind.Undefined)
        {
            (await worker.Http.PutAsJsonAsync($"/api/agents/{agentId}", new { name = agentId, capacityProfile = "standard", languages = new[] { "en" } }, Ct)).EnsureSuccessStatusCode();
        }

        var channels = known.ValueKind == JsonValueKind.Undefined ? [] : known.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!).ToList();
        (await worker.Http.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { channels = channels.Append(channel).Distinct() }, Ct)).EnsureSuccessStatusCode();

        var client = await worker.AgentAsync(agentId);
        JsonElement task = default;
        await Eventually.TrueAsync(async () =>
        {
            var tasks = await worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct);
            task = tasks.EnumerateArray().LastOrDefault(t => t.GetProperty("conversationId").GetGuid() == conversationId
                && t.GetProperty("state").GetString() is "offered" or "assigned");
            if (task.ValueKind == JsonValueKind.Object && task.GetProperty("assignedAgentId").GetString() is { } other && other != agentId)
            {
                // Offered to someone else online on this Worker: they decline, and it never comes back to them.
                if (task.GetProperty("state").GetString() == "offered")
                {
                    await (await worker.AgentAsync(other)).PostAsync($"/api/offers/{task.GetProperty("id").GetGuid()}/decline", null, Ct);
                }

                return false;
            }

            return task.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(20), () => worker.Output);
        if (task.GetProperty("state").GetString() == "offered")
        {
            (await client.PostAsync($"/api/offers/{task.GetProperty("id").GetGuid()}/accept", null, Ct)).EnsureSuccessStatusCode();
        }

        return client;
    }
}
