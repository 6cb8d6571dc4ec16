using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Api;

/// <summary>
/// A Worker with a two-queue charter (support: WhatsApp, skill support; billing: email, skill billing) and wrap-up
/// dispositions, for the panel's and supervisors' API tests; and short ways to drive it.
/// </summary>
internal static class PanelWorld
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="channels">The charter's <c>channels:</c> section, if any.</param>
    public static async Task<WorkerProcess> StartAsync(string channels = "", Dictionary<string, string?>? settings = null)
    {
        var charter = Path.Combine(Directory.CreateTempSubdirectory("connector-panel-").FullName, "charter.yaml");
        await File.WriteAllTextAsync(charter, $$"""
            journeys:
              support: { preferredChannels: [whatsapp, chat], queue: support }
              billing: { preferredChannels: [email, voice], queue: billing }
            channelJourneys: { whatsapp: support, chat: support, email: billing, voice: billing }
            queues:
              support:
                skills: { support: 1 }
                steps:
                  - { kind: requiredSkills, after: 0s }
              billing:
                skills: { billing: 1 }
                steps:
                  - { kind: requiredSkills, after: 0s }
            dispositions:
              - { code: resolved, label: Resolved }
              - { code: no-answer, label: No answer, channels: [voice] }
            {{channels}}
            """, Ct);
        var environment = new Dictionary<string, string?>
        {
            ["Charter__Path"] = charter,
            ["Router__TickInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? [])
        {
            environment[key] = value;
        }

        var worker = WorkerProcess.Start(environment);
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        return worker;
    }

    public static async Task PutAgentAsync(this WorkerProcess worker, string id, string? skill = null, string? supervises = null)
    {
        (await worker.Http.PutAsJsonAsync($"/api/agents/{id}", new
        {
            name = $"Agent {id}",
            skills = skill is null ? new Dictionary<string, int>() : new Dictionary<string, int> { [skill] = 5 },
            supervises = supervises is null ? null : new[] { supervises },
        }, Ct)).EnsureSuccessStatusCode();
    }

    public static async Task OnlineAsync(this WorkerProcess worker, string id, params string[] channels) =>
        (await worker.Http.PutAsJsonAsync($"/api/agents/{id}/presence", new { channels }, Ct)).EnsureSuccessStatusCode();

    /// <returns>The task and conversation the message opened.</returns>
    public static async Task<(Guid Task, Guid Conversation)> ArrivesAsync(this WorkerProcess worker, string channel, string identity)
    {
        var response = await worker.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel,
            type = "message",
            identities = new[] { new { kind = channel, value = identity } },
            text = "Hello?",
        }, Ct);
        response.EnsureSuccessStatusCode();
        var intake = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (intake.GetProperty("taskId").GetGuid(), intake.GetProperty("conversationId").GetGuid());
    }

    public static async Task<JsonElement> TaskAsync(this WorkerProcess worker, Guid taskId) =>
        (await worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct)).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == taskId);

    public static Task UntilStateAsync(this WorkerProcess worker, Guid taskId, string state) =>
        Eventually.TrueAsync(async () => (await worker.TaskAsync(taskId)).GetProperty("state").GetString() == state, TimeSpan.FromSeconds(20), () => worker.Output);

    /// <summary>A key issued by the admin, for <paramref name="agentId"/> or (null) for no agent.</summary>
    public static async Task<HttpClient> KeyAsync(this WorkerProcess worker, string role, string? agentId)
    {
        var issued = await worker.Http.PostAsJsonAsync("/api/keys", new { name = $"{role} {agentId ?? "machine"}", role, agentId }, Ct);
        issued.EnsureSuccessStatusCode();
        var client = new HttpClient { BaseAddress = worker.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString());
        return client;
    }
}
