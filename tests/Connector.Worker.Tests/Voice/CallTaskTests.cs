using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Voice;

/// <summary>What a call's routing task says while the call goes its way: dialled out, lost to an unanswered line, abandoned mid-connect.</summary>
[Collection(VoiceTests.Name)]
public sealed class CallTaskTests(VoiceRig rig)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Click_to_dial_opens_a_voice_task_assigned_to_the_agent_that_keeps_chat_away_until_the_call_ends_in_wrap_up()
    {
        await rig.AgentOnVoiceAsync("dora");
        try
        {
            (await rig.Worker.Http.PutAsJsonAsync("/api/agents/dora/presence", new { channels = new[] { "voice", "chat" } }, Ct)).EnsureSuccessStatusCode();
            var dialled = await (await rig.Worker.AgentAsync("dora")).PostAsJsonAsync("/api/calls", new { agentId = "dora", to = "+447700900301" }, Ct);
            Assert.Equal(HttpStatusCode.OK, dialled.StatusCode);
            var id = (await dialled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("callConnectionId").GetString()!;
            var call = rig.Calls.Find(id) ?? throw new InvalidOperationException($"The fake has no call {id}.");

            // The task exists as soon as the call is placed: assigned to the agent who dialled, never queued for anyone.
            var taskId = await rig.TaskIdAsync(call);
            var task = await rig.TaskAsync(taskId);
            Assert.Equal("voice", task.GetProperty("channel").GetString());
            Assert.Equal("assigned", task.GetProperty("state").GetString());
            Assert.Equal("dora", task.GetProperty("assignedAgentId").GetString());
            Assert.Equal((await rig.CallAsync(call)).GetProperty("conversationId").GetGuid(), task.GetProperty("conversationId").GetGuid());

            await rig.WaitForRecognizeAsync(call, "consent");
            await call.StaySilentAsync();
            await rig.WaitForPhaseAsync(call, "connected");

            // A chat arrives while dora is on the phone: voice takes all 100 units of the standard profile, so it is not hers.
            // Cleo comes online later; dora has been idle longer, so the chat would be dora's if she had room.
            var chatUser = rig.Acs.CreateUser();
            (await rig.Worker.Http.PostAsJsonAsync("/api/inbound-events", new
            {
                eventId = Guid.NewGuid().ToString(),
                channel = "chat",
                type = "message",
                identities = new[] { new { kind = "chat", value = chatUser } },
                text = "Is my order on its way?",
            }, Ct)).EnsureSuccessStatusCode();
            (await rig.Worker.Http.PutAsJsonAsync("/api/agents/cleo", new { name = "cleo", capacityProfile = "standard", languages = new[] { "en" } }, Ct)).EnsureSuccessStatusCode();
            (await rig.Worker.Http.PutAsJsonAsync("/api/agents/cleo/presence", new { channels = new[] { "chat" } }, Ct)).EnsureSuccessStatusCode();
            Guid chatTask = default;
            await Eventually.TrueAsync(async () =>
            {
                var tasks = (await rig.Worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct)).EnumerateArray().ToList();
                var customer = await rig.Worker.Http.GetFromJsonAsync<JsonElement>($"/api/customers?identity=chat:{Uri.EscapeDataString(chatUser)}", Ct);
                var conversations = customer.GetProperty("conversationIds").EnumerateArray().Select(c => c.GetGuid()).ToHashSet();
                var chat = tasks.SingleOrDefault(t => conversations.Contains(t.GetProperty("conversationId").GetGuid()));
                chatTask = chat.ValueKind == JsonValueKind.Object ? chat.GetProperty("id").GetGuid() : default;
                return chatTask != default && chat.GetProperty("state").GetString() == "offered" && chat.GetProperty("assignedAgentId").GetString() == "cleo";
            }, TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            var decisions = await rig.Worker.Http.GetFromJsonAsync<JsonElement>($"/api/routing/decisions/{chatTask}", Ct);
            Assert.DoesNotContain(decisions.EnumerateArray(), d => AgentOf(d) == "dora");
            Assert.Equal("assigned", (await rig.TaskAsync(taskId)).GetProperty("state").GetString());

            Assert.Equal(HttpStatusCode.NoContent, (await (await rig.Worker.AgentAsync("dora")).PostAsJsonAsync($"/api/calls/{id}/hang-up", new { agentId = "dora" }, Ct)).StatusCode);
            await rig.WaitForPhaseAsync(call, "ended");
            // Wrap-up lasts 1s in the rig's charter; then the router completes the task.
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() is "wrap_up" or "completed", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            var ended = (await rig.TimelineAsync(task.GetProperty("conversationId").GetGuid())).Single(t => t.GetProperty("type").GetString() == "call_ended");
            Assert.DoesNotContain("abandoned", ended.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await rig.OfflineAsync("dora", "cleo");
        }
    }

    [Fact]
    public async Task An_agent_whose_line_does_not_answer_loses_the_call_to_the_next_agent_who_is_connected()
    {
        await rig.AgentOnVoiceAsync("nils");
        try
        {
            var call = await rig.CallIntoQueueAsync("+447700900302", "1");
            var taskId = await rig.TaskIdAsync(call);
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("assignedAgentId").GetString() == "nils", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            call.NextAddParticipantFails = true;
            (await (await rig.Worker.AgentAsync("nils")).PostAsJsonAsync($"/api/offers/{taskId}/accept", new { agentId = "nils" }, Ct)).EnsureSuccessStatusCode();

            // The router takes the task back: queued again, and nils (still online and free) is not offered it again.
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "queued", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            await rig.WaitForPhaseAsync(call, "queued"); // stored as the failed callback's handling ends, which may be after the router's requeue
            var noorLine = await rig.AgentOnVoiceAsync("noor");
            await Eventually.TrueAsync(async () =>
            {
                var task = await rig.TaskAsync(taskId);
                return task.GetProperty("state").GetString() == "offered" && task.GetProperty("assignedAgentId").GetString() == "noor";
            }, TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            (await (await rig.Worker.AgentAsync("noor")).PostAsJsonAsync($"/api/offers/{taskId}/accept", new { agentId = "noor" }, Ct)).EnsureSuccessStatusCode();

            await rig.WaitForPhaseAsync(call, "connected");
            Assert.Contains(noorLine, call.Participants);
            Assert.Equal("noor", (await rig.CallAsync(call)).GetProperty("agentId").GetString());
            var task = await rig.TaskAsync(taskId);
            Assert.Equal("assigned", task.GetProperty("state").GetString());
            Assert.Equal("noor", task.GetProperty("assignedAgentId").GetString());
            var decisions = (await rig.Worker.Http.GetFromJsonAsync<JsonElement>($"/api/routing/decisions/{taskId}", Ct)).EnumerateArray().ToList();
            Assert.Single(decisions, d => AgentOf(d) == "nils");
            var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();
            var timeline = await rig.TimelineAsync(conversation);
            Assert.Contains(timeline, t => t.GetProperty("text").GetString() == "Agent nils could not be reached.");
            Assert.Single(timeline, t => t.GetProperty("type").GetString() == "call_connected");

            await call.CallerHangsUpAsync();
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() is "wrap_up" or "completed", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
        }
        finally
        {
            await rig.OfflineAsync("nils", "noor");
        }
    }

    [Fact]
    public async Task Caller_who_hangs_up_while_the_accepting_agents_line_rings_is_abandoned_and_the_agent_has_no_wrap_up()
    {
        await rig.AgentOnVoiceAsync("rita");
        try
        {
            var call = await rig.CallIntoQueueAsync("+447700900303", "1");
            var taskId = await rig.TaskIdAsync(call);
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "offered", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            call.NextAddParticipantRings = true;
            (await (await rig.Worker.AgentAsync("rita")).PostAsJsonAsync($"/api/offers/{taskId}/accept", new { agentId = "rita" }, Ct)).EnsureSuccessStatusCode();
            await rig.WaitForPhaseAsync(call, "connecting");
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "assigned", TimeSpan.FromSeconds(15), () => rig.Worker.Output);

            await call.CallerHangsUpAsync();

            await rig.WaitForPhaseAsync(call, "ended");
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "abandoned", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();
            var timeline = await rig.TimelineAsync(conversation);
            Assert.Contains("abandoned", timeline.Single(t => t.GetProperty("type").GetString() == "call_ended").GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(timeline, t => t.GetProperty("type").GetString() == "call_connected");

            // Rita's capacity came back at once: the next caller is offered to her, and the abandoned task stays abandoned.
            var next = await rig.RingAndAnswerAsync("+447700900304");
            await rig.WaitForRecognizeAsync(next, "consent");
            await next.StaySilentAsync();
            await rig.WaitForRecognizeAsync(next, "menu:1");
            await next.PressAsync("1");
            var nextTask = await rig.TaskIdAsync(next);
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(nextTask)).GetProperty("assignedAgentId").GetString() == "rita", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            Assert.Equal("abandoned", (await rig.TaskAsync(taskId)).GetProperty("state").GetString());
            await next.CallerHangsUpAsync();
            await rig.WaitForPhaseAsync(next, "ended");
        }
        finally
        {
            await rig.OfflineAsync("rita");
        }
    }

    private static string? AgentOf(JsonElement decision) =>
        decision.TryGetProperty("agentId", out var agent) && agent.ValueKind == JsonValueKind.String ? agent.GetString() : null;
}
