using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Api;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Qa;

/// <summary>
/// QA on a running Worker (embedded store, no CRM): an interaction is scored once the agent wraps it up, by the
/// <c>qa.evaluate</c> job, and the evaluations are listed to whom they concern.
/// </summary>
public sealed class QaEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrapped_up_chat_and_email_are_each_scored_on_their_form_and_every_answer_cites_events_of_the_conversation()
    {
        await using var worker = await PanelWorld.StartAsync(QaWorld.Charter);
        await worker.PutAgentAsync("ann", skill: "support");
        await worker.PutAgentAsync("ben", skill: "billing");
        await worker.PutAgentAsync("sue", supervises: "support");
        await worker.OnlineAsync("ann", "chat");
        await worker.OnlineAsync("ben", "email");
        using var ann = await worker.KeyAsync("agent", "ann");
        using var ben = await worker.KeyAsync("agent", "ben");
        using var sue = await worker.KeyAsync("supervisor", "sue");

        var (chatTask, chat) = await worker.ArrivesAsync("chat", "visitor-qa-1");
        await worker.AcceptsAsync(ann, chatTask);
        await worker.SaysAsync("chat", "visitor-qa-1", "out", "Hello, my name is Ann. Sorry about the wait!");
        await worker.SaysAsync("chat", "visitor-qa-1", "in", "My order never came");
        await worker.SaysAsync("chat", "visitor-qa-1", "out", "I've sent a replacement today. Have a great day!");
        var (mailTask, mail) = await worker.ArrivesAsync("email", "carol@example.com");
        await worker.AcceptsAsync(ben, mailTask);
        await worker.SaysAsync("email", "carol@example.com", "out", "Hi Carol, the invoice is attached. Thanks");

        (await ann.PostAsJsonAsync($"/api/conversations/{chat}/wrap-up", new { disposition = "resolved" }, Ct)).EnsureSuccessStatusCode();
        (await ben.PostAsJsonAsync($"/api/conversations/{mail}/wrap-up", new { disposition = "resolved" }, Ct)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await worker.Http.EvaluationsAsync()).Length == 2, TimeSpan.FromSeconds(30), () => worker.Output);

        var chatEvaluation = Assert.Single(await worker.Http.EvaluationsAsync("?channel=chat"));
        Assert.Equal(("standard", "ann", chatTask, chat), (chatEvaluation.GetProperty("form").GetString(), chatEvaluation.GetProperty("agentId").GetString(),
            chatEvaluation.GetProperty("taskId").GetGuid(), chatEvaluation.GetProperty("conversationId").GetGuid()));
        // Greeting, introduction, empathy, solution and closing found; clarity needs the AI, which there is none of: N/A.
        Assert.Equal(100, chatEvaluation.GetProperty("score").GetDouble());
        var detail = await worker.Http.GetFromJsonAsync<JsonElement>($"/api/qa/evaluations/{chatEvaluation.GetProperty("id").GetGuid()}", Ct);
        var timeline = (await worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{chat}", Ct)).GetProperty("timeline").EnumerateArray()
            .Select(e => e.GetProperty("id").GetString()).ToHashSet();
        foreach (var answer in detail.GetProperty("answers").EnumerateArray())
        {
            var cited = answer.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("timelineEvent").GetString()).ToList();
            if (answer.GetProperty("question").GetString() == "clarity")
            {
                Assert.Equal(JsonValueKind.Null, answer.GetProperty("choice").ValueKind);
                Assert.Empty(cited);
                continue;
            }

            Assert.Equal("yes", answer.GetProperty("choice").GetString());
            Assert.NotEmpty(cited);
            Assert.All(cited, c => Assert.Contains(c, timeline));
        }

        var mailEvaluation = Assert.Single(await worker.Http.EvaluationsAsync("?channel=email"));
        Assert.Equal(("email", "ben"), (mailEvaluation.GetProperty("form").GetString(), mailEvaluation.GetProperty("agentId").GetString()));
        // Greeting and a fast reply, but no sign-off: 20 of 30.
        Assert.Equal(66.7, mailEvaluation.GetProperty("score").GetDouble());

        // An agent sees their own; a supervisor their queue's (chat is support's, email billing's); an admin both.
        Assert.Equal([chatTask], (await ann.EvaluationsAsync()).Select(e => e.GetProperty("taskId").GetGuid()));
        Assert.Equal([mailTask], (await ben.EvaluationsAsync()).Select(e => e.GetProperty("taskId").GetGuid()));
        Assert.Equal([chatTask], (await sue.EvaluationsAsync()).Select(e => e.GetProperty("taskId").GetGuid()));
        Assert.Empty(await ann.EvaluationsAsync("?agent=ben"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ann.GetAsync($"/api/qa/evaluations/{mailEvaluation.GetProperty("id").GetGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sue.GetAsync($"/api/qa/evaluations/{mailEvaluation.GetProperty("id").GetGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ben.GetAsync($"/api/qa/evaluations/{mailEvaluation.GetProperty("id").GetGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.Http.GetAsync($"/api/qa/evaluations/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_list_filters_by_agent_channel_and_time_pages_with_a_cursor_and_refuses_bad_values_naming_the_field()
    {
        await using var worker = await PanelWorld.StartAsync(QaWorld.Charter);
        await worker.PutAgentAsync("ann", skill: "support");
        await worker.OnlineAsync("ann", "whatsapp");
        using var ann = await worker.KeyAsync("agent", "ann");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var tasks = new List<Guid>();
        foreach (var phone in new[] { "+447700900811", "+447700900812" })
        {
            var (task, conversation) = await worker.ArrivesAsync("whatsapp", phone);
            await worker.AcceptsAsync(ann, task);
            await worker.SaysAsync("whatsapp", phone, "out", "Hi! Bye.");
            (await ann.PostAsJsonAsync($"/api/conversations/{conversation}/wrap-up", new { disposition = "resolved" }, Ct)).EnsureSuccessStatusCode();
            tasks.Add(task);
        }

        await Eventually.TrueAsync(async () => (await worker.Http.EvaluationsAsync()).Length == 2, TimeSpan.FromSeconds(30), () => worker.Output);
        var first = await worker.Http.GetAsync("/api/qa/evaluations?limit=1&agent=ann&channel=whatsapp", Ct);
        var next = first.Headers.GetValues("Link").Single();
        var second = await worker.Http.GetFromJsonAsync<JsonElement>(next[(next.IndexOf('<') + 1)..next.IndexOf('>')], Ct);
        Assert.Equal(tasks, [(await first.Content.ReadFromJsonAsync<JsonElement>(Ct))[0].GetProperty("taskId").GetGuid(), second[0].GetProperty("taskId").GetGuid()]);
        Assert.Empty(await worker.Http.EvaluationsAsync("?channel=voice"));
        Assert.Empty(await worker.Http.EvaluationsAsync("?agent=bob"));
        Assert.Empty(await worker.Http.EvaluationsAsync($"?to={Uri.EscapeDataString(before.ToString("O"))}"));
        Assert.Equal(2, (await worker.Http.EvaluationsAsync($"?from={Uri.EscapeDataString(before.ToString("O"))}")).Length);

        var bad = await worker.Http.GetAsync("/api/qa/evaluations?channel=fax&from=yesterday", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("channel", out _) && errors.TryGetProperty("from", out _), errors.ToString());

        // A window the wrong way round names the field the caller sent, not another list's "until".
        var backwards = await worker.Http.GetAsync($"/api/qa/evaluations?from={Uri.EscapeDataString(before.AddDays(1).ToString("O"))}&to={Uri.EscapeDataString(before.ToString("O"))}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        var order = (await backwards.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["to"], order.EnumerateObject().Select(e => e.Name));
        Assert.Equal("must be later than from.", order.GetProperty("to")[0].GetString());
    }
}
