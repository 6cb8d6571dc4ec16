using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Voice;

/// <summary>Inbound calls through a real Worker and the fake Call Automation: consent, IVR, queue, agents, the end.</summary>
[Collection(VoiceTests.Name)]
public sealed class CallFlowTests(VoiceRig rig)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_scripted_call_is_answered_consented_routed_by_the_IVR_connected_and_ended_with_its_durations()
    {
        var agentLine = await rig.AgentOnVoiceAsync("vera", "technical");
        try
        {
            var call = await rig.RingAndAnswerAsync("+447700900101");
            await rig.WaitForRecognizeAsync(call, "consent");
            await call.StaySilentAsync(); // heard the announcement, did not opt out
            await rig.WaitForRecognizeAsync(call, "menu:1");
            Assert.Equal("active", call.RecordingState);
            await call.PressAsync("2");

            var taskId = await rig.TaskIdAsync(call);
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "offered", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            Assert.Equal("technical", (await rig.CallAsync(call)).GetProperty("journey").GetString());
            var decisions = await rig.Worker.Http.GetFromJsonAsync<JsonElement>($"/api/routing/decisions/{taskId}", Ct);
            Assert.All(decisions.EnumerateArray(), d => Assert.Equal("technical", d.GetProperty("queue").GetString()));
            (await (await rig.Worker.AgentAsync("vera")).PostAsJsonAsync($"/api/offers/{taskId}/accept", new { agentId = "vera" }, Ct)).EnsureSuccessStatusCode();

            await rig.WaitForPhaseAsync(call, "connected");
            Assert.Contains(agentLine, call.Participants);
            var requests = rig.CallingRequests(call.CallConnectionId).ToList();
            var cancel = requests.FindIndex(r => r.Path.EndsWith(":cancelAllMediaOperations", StringComparison.Ordinal));
            var add = requests.FindIndex(r => r.Path.EndsWith("/participants:add", StringComparison.Ordinal));
            Assert.True(cancel >= 0 && add > cancel, "The queue music stops before the agent is added.");
            Assert.Single(requests, r => r.Path.EndsWith("/participants:add", StringComparison.Ordinal));

            await call.SayAsync(call.CallerRawId, "Hello, my router keeps dropping.", TimeSpan.FromSeconds(3), Ct);
            await call.SayAsync(agentLine, "Let me check that for you.", TimeSpan.FromSeconds(6), Ct);
            await Task.Delay(300, Ct); // the socket is one-way: give the Worker a moment to read the phrases before the hang-up
            await call.CallerHangsUpAsync();

            await rig.WaitForPhaseAsync(call, "ended");
            var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();
            await Eventually.TrueAsync(async () => (await rig.TimelineAsync(conversation)).Any(t => t.GetProperty("type").GetString() == "recording_available"),
                TimeSpan.FromSeconds(30), () => rig.Worker.Output);
            var timeline = await rig.TimelineAsync(conversation);
            var types = timeline.Select(t => t.GetProperty("type").GetString()).ToList();
            Assert.Equal(1, types.Count(t => t == "call_started"));
            Assert.Equal(1, types.Count(t => t == "call_connected"));
            Assert.Equal(1, types.Count(t => t == "call_ended"));
            Assert.Equal(1, types.Count(t => t == "recording_available"));
            Assert.Equal(1, types.Count(t => t == "transcript_available"));
            var ended = timeline.Single(t => t.GetProperty("type").GetString() == "call_ended").GetProperty("text").GetString()!;
            Assert.Matches(@"after \d+m \d\ds: \d+m \d\ds before the agent, \d+m \d\ds with agent vera\.", ended);
            Assert.True(timeline.IndexOf(timeline.Single(t => t.GetProperty("type").GetString() == "call_started"))
                < timeline.IndexOf(timeline.Single(t => t.GetProperty("type").GetString() == "call_connected")));

            Assert.All(rig.Services.Downloads.Values, n => Assert.Equal(1, n));
            Assert.NotEmpty(rig.Services.Downloads);
            await Eventually.TrueAsync(async () =>
            {
                var rows = await rig.Worker.Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct);
                return rows.EnumerateArray().Count(r => r.GetProperty("kind").GetString() == "crm.attach"
                    && r.GetProperty("idempotencyKey").GetString()!.StartsWith($"{conversation}:", StringComparison.Ordinal)
                    && r.GetProperty("idempotencyKey").GetString()!.Contains(":recording:", StringComparison.Ordinal)) == 1;
            }, TimeSpan.FromSeconds(10), () => rig.Worker.Http.GetStringAsync("/api/outbox", Ct).GetAwaiter().GetResult() + rig.Worker.Output);
            var attachRows = (await rig.Worker.Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct)).EnumerateArray()
                .Where(r => r.GetProperty("kind").GetString() == "crm.attach" && r.GetProperty("idempotencyKey").GetString()!.StartsWith($"{conversation}:", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, attachRows.Count); // the recording once, the transcript once

            // Vera never submits a wrap-up: when her wrap-up time runs out the task completes, and the call's
            // interaction still goes to the CRM, once.
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "completed", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            var interactions = (await rig.Worker.Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct)).EnumerateArray()
                .Where(r => r.GetProperty("kind").GetString() == "interaction.sync").Select(r => r.GetProperty("idempotencyKey").GetString())
                .Where(k => k!.StartsWith($"{conversation}:", StringComparison.Ordinal)).ToList();
            Assert.Equal([$"{conversation}:interaction:{taskId}"], interactions);
        }
        finally
        {
            await rig.OfflineAsync("vera");
        }
    }

    [Fact]
    public async Task An_agent_line_that_does_not_answer_puts_the_caller_back_on_the_queue_audio_with_a_note()
    {
        await rig.AgentOnVoiceAsync("nina");
        try
        {
            var call = await rig.CallIntoQueueAsync("+447700900109", "1");
            var taskId = await rig.TaskIdAsync(call);
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "offered", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            call.NextAddParticipantFails = true;
            (await (await rig.Worker.AgentAsync("nina")).PostAsJsonAsync($"/api/offers/{taskId}/accept", new { agentId = "nina" }, Ct)).EnsureSuccessStatusCode();

            await Eventually.TrueAsync(() => Task.FromResult(rig.CallingRequests(call.CallConnectionId).Count(r => r.Path.EndsWith(":play", StringComparison.Ordinal)) == 2),
                TimeSpan.FromSeconds(15), () => rig.Requests() + rig.Worker.Output);
            // The call's new phase is stored once the callback is handled, just after the queue audio was asked for.
            await rig.WaitForPhaseAsync(call, "queued");
            var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();
            Assert.Contains(await rig.TimelineAsync(conversation), t => t.GetProperty("text").GetString() == "Agent nina could not be reached.");
            Assert.DoesNotContain(await rig.TimelineAsync(conversation), t => t.GetProperty("type").GetString() == "call_connected");
            await call.CallerHangsUpAsync();
            await rig.WaitForPhaseAsync(call, "ended");
        }
        finally
        {
            await rig.OfflineAsync("nina");
        }
    }

    [Fact]
    public async Task An_agent_sends_the_call_back_to_another_queue_where_the_next_agent_takes_it()
    {
        await rig.AgentOnVoiceAsync("tom");
        try
        {
            var call = await rig.CallIntoQueueAsync("+447700900110", "1");
            var first = await rig.TaskIdAsync(call);
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(first)).GetProperty("state").GetString() == "offered", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            (await (await rig.Worker.AgentAsync("tom")).PostAsJsonAsync($"/api/offers/{first}/accept", new { agentId = "tom" }, Ct)).EnsureSuccessStatusCode();
            await rig.WaitForPhaseAsync(call, "connected");
            var tiaLine = await rig.AgentOnVoiceAsync("tia", "technical");

            var unknown = await (await rig.Worker.AgentAsync("tom")).PostAsJsonAsync($"/api/calls/{call.CallConnectionId}/transfer", new { agentId = "tom", toJourney = "sales" }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            var moved = await (await rig.Worker.AgentAsync("tom")).PostAsJsonAsync($"/api/calls/{call.CallConnectionId}/transfer", new { agentId = "tom", toJourney = "technical" }, Ct);
            Assert.Equal(HttpStatusCode.NoContent, moved.StatusCode);

            await rig.WaitForPhaseAsync(call, "queued");
            var second = await rig.TaskIdAsync(call);
            Assert.NotEqual(first, second);
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(second)).GetProperty("state").GetString() == "offered"
                && (await rig.TaskAsync(second)).GetProperty("assignedAgentId").GetString() == "tia", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            (await (await rig.Worker.AgentAsync("tia")).PostAsJsonAsync($"/api/offers/{second}/accept", new { agentId = "tia" }, Ct)).EnsureSuccessStatusCode();
            await rig.WaitForPhaseAsync(call, "connected");
            Assert.Contains(tiaLine, call.Participants);
            Assert.Equal("assigned", (await rig.TaskAsync(first)).GetProperty("state").GetString()); // tom wraps up as usual

            await call.CallerHangsUpAsync();
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(second)).GetProperty("state").GetString() is "wrap_up" or "completed", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();
            var timeline = await rig.TimelineAsync(conversation);
            Assert.Contains(timeline, t => t.GetProperty("text").GetString() == "Agent tom transferred the call to technical.");
            Assert.Equal(2, timeline.Count(t => t.GetProperty("type").GetString() == "call_connected"));
        }
        finally
        {
            await rig.OfflineAsync("tom", "tia");
        }
    }

    [Fact]
    public async Task Caller_who_hangs_up_in_the_queue_is_counted_abandoned()
    {
        var call = await rig.CallIntoQueueAsync("+447700900102", "1");
        var taskId = await rig.TaskIdAsync(call);
        await rig.WaitForPhaseAsync(call, "queued");
        Assert.Contains(rig.CallingRequests(call.CallConnectionId), r => r.Path.EndsWith(":play", StringComparison.Ordinal) && r.BodyText.Contains("\"loop\":true", StringComparison.Ordinal));

        await call.CallerHangsUpAsync();

        await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "abandoned", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
        var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();
        var ended = (await rig.TimelineAsync(conversation)).Single(t => t.GetProperty("type").GetString() == "call_ended");
        Assert.Contains("abandoned", ended.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("billing", (await rig.CallAsync(call)).GetProperty("journey").GetString());
    }

    [Fact]
    public async Task A_wrong_key_then_silence_in_the_IVR_send_the_call_to_the_fallback_journey_and_an_opt_out_stops_recording()
    {
        var call = await rig.RingAndAnswerAsync("+447700900103");
        await rig.WaitForRecognizeAsync(call, "consent");
        await call.PressAsync("9"); // opts out of recording
        await rig.WaitForRecognizeAsync(call, "menu:1");
        await call.PressAsync("7");
        await rig.WaitForRecognizeAsync(call, "menu:2");
        Assert.Contains("not an option", rig.CallingRequests(call.CallConnectionId).Last(r => r.Path.EndsWith(":recognize", StringComparison.Ordinal)).BodyText, StringComparison.Ordinal);
        await call.StaySilentAsync();

        await rig.WaitForPhaseAsync(call, "queued");
        var state = await rig.CallAsync(call);
        Assert.Equal("billing", state.GetProperty("journey").GetString()); // the charter's fallback
        Assert.False(state.GetProperty("recording").GetBoolean());
        Assert.DoesNotContain(rig.Acs.Requests, r => r.Path == "/calling/recordings" && r.BodyText.Contains(call.CallConnectionId, StringComparison.Ordinal));
        var timeline = await rig.TimelineAsync(state.GetProperty("conversationId").GetGuid());
        Assert.Contains(timeline, t => t.GetProperty("text").GetString() == "The caller declined recording.");
        await call.CallerHangsUpAsync();
        await rig.WaitForPhaseAsync(call, "ended");
    }

    [Fact]
    public async Task An_IncomingCall_delivered_twice_is_answered_once()
    {
        var call = await rig.Calls.RingAsync("+447700900107", VoiceRig.ContactCentre, Ct, deliveries: 2);
        await Eventually.TrueAsync(() => Task.FromResult(call.Answered), TimeSpan.FromSeconds(15), () => rig.Worker.Output);
        await rig.WaitForRecognizeAsync(call, "consent");

        Assert.Single(rig.Acs.Requests, r => r.Path == "/calling/callConnections:answer" && r.BodyText.Contains(call.IncomingCallContext, StringComparison.Ordinal));
        await call.CallerHangsUpAsync();
        await rig.WaitForPhaseAsync(call, "ended");
    }

    [Fact]
    public async Task A_throttled_answer_is_retried_after_Retry_After_with_the_same_repeatability_id_and_answers_once()
    {
        rig.Acs.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1), pathContains: "callConnections:answer");

        var call = await rig.RingAndAnswerAsync("+447700900108");

        var answers = rig.Acs.Requests.Where(r => r.Path == "/calling/callConnections:answer" && r.BodyText.Contains(call.IncomingCallContext, StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 200], answers.Select(a => a.StatusCode));
        Assert.Single(answers.Select(a => a.Header("Repeatability-Request-ID")).Distinct());
        Assert.True(answers[1].ReceivedAt - answers[0].ReceivedAt >= TimeSpan.FromSeconds(0.9), "Retry-After was honoured.");
        await rig.WaitForRecognizeAsync(call, "consent");
        await call.CallerHangsUpAsync();
        await rig.WaitForPhaseAsync(call, "ended");
    }

    [Fact]
    public async Task Duplicated_and_reordered_callbacks_leave_the_call_where_it_is()
    {
        var call = await rig.CallIntoQueueAsync("+447700900104", "1");
        await rig.WaitForPhaseAsync(call, "queued");
        await call.DrainAsync();
        var before = rig.CallingRequests(call.CallConnectionId).Count;

        // Everything again, then the connection and the IVR answer once more in reverse.
        await call.RedeliverAllAsync();
        await call.RedeliverAsync(call.SentCallbacks.Reverse().Select(c => Renumbered(c)));
        await call.DrainAsync();

        Assert.All(call.CallbackAnswers, a => Assert.Equal(200, a.Status));
        Assert.Equal("queued", await rig.PhaseAsync(call));
        Assert.Equal(before, rig.CallingRequests(call.CallConnectionId).Count);
        var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();
        Assert.Single(await rig.TimelineAsync(conversation), t => t.GetProperty("type").GetString() == "call_started");

        // The end before a late "connected": the call stays ended and nothing is played to nobody.
        await call.CallerHangsUpAsync();
        await rig.WaitForPhaseAsync(call, "ended");
        call.Send("CallConnected", null, 200, 0, "", []);
        call.Send("RecognizeCompleted", "menu:1", 200, 8514, "", new JsonObject { ["dtmfResult"] = new JsonObject { ["tones"] = new JsonArray("two") } });
        await call.DrainAsync();
        Assert.Equal("ended", await rig.PhaseAsync(call));
        Assert.Single(await rig.TimelineAsync(conversation), t => t.GetProperty("type").GetString() == "call_ended");
    }

    [Fact]
    public async Task A_callback_with_a_wrong_key_or_an_invalid_token_is_refused_with_401_and_changes_nothing()
    {
        var call = await rig.RingAndAnswerAsync("+447700900105");
        await rig.WaitForRecognizeAsync(call, "consent");
        var callbackUri = call.CallbackUri!;
        var disconnected = CallbackBody(call, "CallDisconnected");
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);

        var wrongKey = await PostAsync(callbackUri.Replace($"key={VoiceRig.WebhookKey}", "key=not-the-key", StringComparison.Ordinal), disconnected, rig.Services.IssueToken());
        var noToken = await PostAsync(callbackUri, disconnected, null);
        var forgedToken = await PostAsync(callbackUri, disconnected, rig.Services.IssueToken(signWith: otherKey));
        var wrongAudience = await PostAsync(callbackUri, disconnected, rig.Services.IssueToken(audience: Guid.NewGuid().ToString()));
        var expired = await PostAsync(callbackUri, disconnected, rig.Services.IssueToken(expires: DateTimeOffset.UtcNow.AddMinutes(-10)));

        Assert.All(new[] { wrongKey, noToken, forgedToken, wrongAudience, expired }, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal("consent", await rig.PhaseAsync(call));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(callbackUri, disconnected, rig.Services.IssueToken()));
        Assert.Equal("ended", await rig.PhaseAsync(call));
    }

    [Fact]
    public async Task A_declined_call_goes_to_the_next_agent_and_an_agent_who_vanishes_mid_offer_loses_it_after_the_time_out()
    {
        await rig.AgentOnVoiceAsync("dora");
        await rig.AgentOnVoiceAsync("dan");
        try
        {
            var call = await rig.CallIntoQueueAsync("+447700900106", "1");
            var taskId = await rig.TaskIdAsync(call);

            var first = await OfferedToAsync(taskId, null);
            (await (await rig.Worker.AgentAsync(first)).PostAsJsonAsync($"/api/offers/{taskId}/decline", new { agentId = first }, Ct)).EnsureSuccessStatusCode();
            var second = await OfferedToAsync(taskId, first);
            Assert.NotEqual(first, second);

            // The second agent's browser is gone: nobody answers; after the 3 s time-out the router decides again.
            var offeredAt = DateTime.UtcNow;
            var decided = await DecisionsAsync(taskId);
            await Eventually.TrueAsync(async () => await DecisionsAsync(taskId) > decided, TimeSpan.FromSeconds(15), () => rig.Worker.Output);
            Assert.True(DateTime.UtcNow - offeredAt >= TimeSpan.FromSeconds(2.5), "The offer stayed open for its time-out.");
            Assert.Equal("queued", await rig.PhaseAsync(call));
            await call.CallerHangsUpAsync();
            await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "abandoned", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
        }
        finally
        {
            await rig.OfflineAsync("dora", "dan");
        }
    }

    private async Task<int> DecisionsAsync(Guid taskId) =>
        (await rig.Worker.Http.GetFromJsonAsync<JsonElement>($"/api/routing/decisions/{taskId}", Ct)).GetArrayLength();

    private async Task<string> OfferedToAsync(Guid taskId, string? notTo)
    {
        string? agent = null;
        await Eventually.TrueAsync(async () =>
        {
            var task = await rig.TaskAsync(taskId);
            agent = task.GetProperty("assignedAgentId").GetString();
            return task.GetProperty("state").GetString() == "offered" && agent is not null && agent != notTo;
        }, TimeSpan.FromSeconds(15), () => rig.Worker.Output);
        return agent!;
    }

    private static JsonObject Renumbered(JsonObject callback)
    {
        var copy = (JsonObject)callback.DeepClone();
        copy["id"] = Guid.NewGuid().ToString(); // a different delivery of the same news
        return copy;
    }

    private static string CallbackBody(Fakes.Acs.FakeAcsCall call, string type) => new JsonArray(new JsonObject
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["source"] = $"calling/callConnections/{call.CallConnectionId}",
        ["type"] = $"Microsoft.Communication.{type}",
        ["data"] = new JsonObject { ["callConnectionId"] = call.CallConnectionId, ["serverCallId"] = call.ServerCallId, ["correlationId"] = call.CorrelationId },
        ["time"] = DateTimeOffset.UtcNow.ToString("O"),
        ["specversion"] = "1.0",
    }).ToJsonString();

    private static async Task<HttpStatusCode> PostAsync(string url, string body, string? token)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
