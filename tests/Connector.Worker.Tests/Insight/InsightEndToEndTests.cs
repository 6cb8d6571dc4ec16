using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Api;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Qa;

namespace Connector.Worker.Tests.Insight;

/// <summary>
/// The insight layer on a running Worker (embedded store, no CRM, no AI service): a wrapped-up interaction is analysed
/// by the <c>insight.analyse</c> job, its timeline shows each turn's sentiment and topics, and the aggregates are
/// shown to whom they concern.
/// </summary>
public sealed class InsightEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrapped_up_interactions_turns_show_on_the_timeline_and_the_aggregates_equal_what_the_turns_give()
    {
        await using var worker = await PanelWorld.StartAsync(InsightWorld.Charter);
        await worker.PutAgentAsync("ann", skill: "support");
        await worker.PutAgentAsync("ben", skill: "billing");
        await worker.PutAgentAsync("sue", supervises: "support");
        await worker.OnlineAsync("ann", "whatsapp");
        await worker.OnlineAsync("ben", "email");
        using var ann = await worker.KeyAsync("agent", "ann");
        using var ben = await worker.KeyAsync("agent", "ben");
        using var sue = await worker.KeyAsync("supervisor", "sue");

        var (whatsappTask, whatsapp) = await worker.ArrivesAsync("whatsapp", "+447700900601");
        await worker.AcceptsAsync(ann, whatsappTask);
        await worker.SaysAsync("whatsapp", "+447700900601", "in", "Great, another two hours on hold. Where is my parcel?");
        await worker.SaysAsync("whatsapp", "+447700900601", "out", "I'm sorry! It is with the courier and arrives tomorrow.");
        await worker.SaysAsync("whatsapp", "+447700900601", "in", "Thank you so much, that's really helpful");
        var (mailTask, mail) = await worker.ArrivesAsync("email", "carol@example.com");
        await worker.AcceptsAsync(ben, mailTask);
        await worker.SaysAsync("email", "carol@example.com", "in", "I was charged twice on my invoice");
        await worker.SaysAsync("email", "carol@example.com", "out", "Hi Carol, the refund is on its way.");

        (await ann.PostAsJsonAsync($"/api/conversations/{whatsapp}/wrap-up", new { disposition = "resolved" }, Ct)).EnsureSuccessStatusCode();
        (await ben.PostAsJsonAsync($"/api/conversations/{mail}/wrap-up", new { disposition = "resolved" }, Ct)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await worker.Http.InsightsAsync("?groupBy=agent")).Length == 2, TimeSpan.FromSeconds(60), () => worker.Output);

        // The timeline: every message of the work carries its sentiment and topics; the conversation its summary.
        var conversation = await worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{whatsapp}", Ct);
        var turns = conversation.GetProperty("timeline").EnumerateArray()
            .Where(e => e.TryGetProperty("insight", out var i) && i.ValueKind == JsonValueKind.Object)
            .OrderBy(e => e.GetProperty("at").GetDateTimeOffset())
            .Select(e => (Text: e.GetProperty("text").GetString(), Insight: e.GetProperty("insight")))
            .ToList();
        Assert.Equal(["Hello?", "Great, another two hours on hold. Where is my parcel?", "I'm sorry! It is with the courier and arrives tomorrow.", "Thank you so much, that's really helpful"],
            turns.Select(t => t.Text));
        Assert.True(turns[1].Insight.GetProperty("sentiment").GetDouble() < 0, turns[1].Insight.ToString());
        Assert.Contains("delivery", turns[1].Insight.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("embedded", turns[1].Insight.GetProperty("method").GetString());
        var summary = Assert.Single(conversation.GetProperty("insights").EnumerateArray());
        Assert.Equal((whatsappTask, "ann", 4), (summary.GetProperty("taskId").GetGuid(), summary.GetProperty("agentId").GetString(), summary.GetProperty("turns").GetInt32()));
        Assert.True(summary.GetProperty("trend").GetDouble() > 0, summary.ToString());
        // The roll-up over the conversation: one interaction so far, so its figures are that interaction's.
        var rollUp = conversation.GetProperty("insightSummary");
        Assert.Equal((1, 4, "improving"), (rollUp.GetProperty("interactions").GetInt32(), rollUp.GetProperty("turns").GetInt32(), rollUp.GetProperty("direction").GetString()));
        Assert.Equal(["whatsapp"], rollUp.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(summary.GetProperty("sentiment").GetDouble(), rollUp.GetProperty("sentiment").GetDouble(), 4);
        Assert.Equal(
            summary.GetProperty("topics").EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetInt32()),
            rollUp.GetProperty("topics").EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetInt32()));

        // The aggregate for ann is her one interaction's end-weighted sentiment, recomputed here from the timeline's turns.
        var sentiments = turns.Select(t => t.Insight.GetProperty("sentiment").GetDouble()).ToList();
        var expected = sentiments.Select((s, i) => (i + 1) * s).Sum() / sentiments.Select((_, i) => i + 1.0).Sum();
        var byAgent = await worker.Http.InsightsAsync("?groupBy=agent");
        Assert.Equal(["ann", "ben"], byAgent.Select(r => r.GetProperty("key").GetString()));
        Assert.InRange(byAgent[0].GetProperty("sentiment").GetDouble(), expected - 1e-3, expected + 1e-3);
        Assert.Equal((1, 4), (byAgent[0].GetProperty("interactions").GetInt32(), byAgent[0].GetProperty("turns").GetInt32()));
        Assert.Equal(1, byAgent[1].GetProperty("topics").GetProperty("billing").GetInt32());
        Assert.Equal(["email", "whatsapp"], (await worker.Http.InsightsAsync("?groupBy=channel")).Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(["billing", "support"], (await worker.Http.InsightsAsync("?groupBy=queue")).Select(r => r.GetProperty("key").GetString()));

        // Agents see only themselves, a supervisor their queue's (support: ann's WhatsApp), an admin all.
        Assert.Equal(["ann"], (await ann.InsightsAsync("?groupBy=agent")).Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(["ben"], (await ben.InsightsAsync("?groupBy=agent")).Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(["support"], (await sue.InsightsAsync("?groupBy=queue")).Select(r => r.GetProperty("key").GetString()));
        Assert.Empty(await worker.Http.InsightsAsync($"?groupBy=agent&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}"));

        // Bad parameters: a 400 problem+json naming each field.
        foreach (var (query, field) in new[]
        {
            ("", "groupBy"), ("?groupBy=team", "groupBy"), ("?groupBy=agent&from=yesterday", "from"),
            ("?groupBy=agent&from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z", "to"),
        })
        {
            var bad = await worker.Http.GetAsync($"/api/insights{query}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }
}
