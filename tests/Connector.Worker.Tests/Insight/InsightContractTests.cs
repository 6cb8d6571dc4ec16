using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Insight;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Api;
using Connector.Worker.Insight;
using Connector.Worker.InteractionAnalysis;
using Connector.Worker.Tests.Infrastructure;
using Dapper;

namespace Connector.Worker.Tests.Insight;

/// <summary>
/// The insight layer over each store (<see cref="SqliteInsightContractTests"/>, <see cref="PostgresInsightContractTests"/>):
/// every turn scored and sorted into topics, the interaction summarized, kept once whatever the replays, and
/// aggregated to the same figures a reader computes from the kept turns.
/// </summary>
public abstract class InsightContractTests
{
    protected abstract Task<StoreUnderTest> CreateStoreAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sarcasm_is_negative_per_turn_and_a_conversation_that_starts_angry_and_ends_thankful_improves()
    {
        await using var s = await CreateStoreAsync();
        var rig = new InsightRig(s);
        var (conversation, work) = await rig.InteractionAsync(Channel.WhatsApp, "+447700900501", "ann", "support",
            (Direction.In, "Great, another two hours on hold"),
            (Direction.In, "This is absolutely ridiculous, I am furious with your service"),
            (Direction.Out, "I'm sorry about the wait. I have found your order and sent a replacement today."),
            (Direction.In, "Oh that's wonderful, thank you so much!"),
            (Direction.In, "Thanks, you've been really helpful, have a lovely day"));

        var insight = await rig.Analyses.EnsureAsync(conversation, work, Ct);

        Assert.Equal(5, insight.TurnCount);
        Assert.True(insight.Turns[0].Sentiment < 0, $"'Great, another two hours on hold' scored {insight.Turns[0].Sentiment}");
        Assert.Equal([TurnInsight.Customer, TurnInsight.Customer, TurnInsight.Agent, TurnInsight.Customer, TurnInsight.Customer], insight.Turns.Select(t => t.Speaker));
        Assert.All(insight.Turns, t => Assert.Equal("embedded", t.Method));
        Assert.True(insight.Start < 0 && insight.End > 0 && insight.Trend > 0, $"start {insight.Start}, end {insight.End}");
        Assert.Contains("improving", insight.Summary(), StringComparison.Ordinal);
        // Per participant: the plain mean of their turns.
        Close(insight.Turns.Where(t => t.Speaker == TurnInsight.Customer).Average(t => t.Sentiment), insight.Participants[TurnInsight.Customer]);
        Close(insight.Turns[2].Sentiment, insight.Participants[TurnInsight.Agent]);
        // End-weighted: the thankful end outweighs the angry start.
        Assert.True(insight.Overall > insight.Turns.Average(t => t.Sentiment));
    }

    [Fact]
    public async Task A_calls_transcript_phrases_are_turns_by_speaker_each_scored_and_cited_by_its_line()
    {
        await using var s = await CreateStoreAsync();
        var rig = new InsightRig(s);
        var (conversation, work) = await rig.CallAsync("+447700900531", "ann", "billing",
            "[00:00:02] Agent (ann): Good morning, thanks for calling.",
            "[00:00:06] Caller: You charged twice on my card and I am really angry about it.",
            "[00:00:15] Caller: Oh brilliant, thank you so much for sorting that out!");

        var insight = await rig.Analyses.EnsureAsync(conversation, work, Ct);

        Assert.Equal([(TurnInsight.Agent, 1), (TurnInsight.Customer, 2), (TurnInsight.Customer, 3)], insight.Turns.Select(t => (t.Speaker, t.Line!.Value)));
        Assert.Contains("billing", insight.Turns[1].Topics);
        Assert.True(insight.Turns[1].Sentiment < 0 && insight.Turns[2].Sentiment > 0, string.Join(", ", insight.Turns.Select(t => t.Sentiment)));
        var kept = Assert.Single(await rig.Saved.ListForConversationAsync(conversation, Ct));
        Assert.Equal(insight.Turns.Select(t => (t.Ref, t.Sentiment)), kept.Turns.Select(t => (t.Ref, t.Sentiment)));
        Assert.Equal("voice", kept.Channel);
    }

    [Fact]
    public async Task Topics_are_assigned_by_the_charters_rules_and_by_the_nearest_centroid()
    {
        await using var s = await CreateStoreAsync();
        var rig = new InsightRig(s);
        var (conversation, work) = await rig.InteractionAsync(Channel.Chat, "visitor-insight-1", "ann", "support",
            (Direction.In, "I was charged twice on my last invoice"),
            (Direction.In, "Also, my package still hasn't been delivered, where is it?"),
            (Direction.Out, "Let me check that for you."));

        var insight = await rig.Analyses.EnsureAsync(conversation, work, Ct);

        Assert.Equal([["billing"], ["delivery"], []], insight.Turns.Select(t => t.Topics.ToArray()));
        Assert.Equal(new Dictionary<string, int> { ["billing"] = 1, ["delivery"] = 1 }, insight.Topics);
    }

    [Fact]
    public async Task A_conversation_that_ends_angry_on_whatsapp_and_thankful_on_a_later_call_rolls_up_to_an_improving_trend_over_both()
    {
        await using var s = await CreateStoreAsync();
        var rig = new InsightRig(s);
        var (conversation, whatsapp) = await rig.InteractionAsync(Channel.WhatsApp, "+447700900541", "ann", "billing",
            (Direction.In, "You charged twice on my invoice"),
            (Direction.Out, "Let me check that for you."),
            (Direction.In, "This is absolutely ridiculous, I am furious and fed up with your service"));
        var (called, voice) = await rig.CallAsync("+447700900541", "ben", "support",
            "[00:00:02] Agent (ben): Good morning, thanks for calling.",
            "[00:00:06] Caller: Where is my parcel? My order has not arrived yet.",
            "[00:00:15] Agent (ben): It arrives tomorrow, and the double charge is refunded.",
            "[00:00:25] Caller: Oh brilliant, thank you so much, you've been really helpful!");
        Assert.Equal(conversation, called);
        // Analysed in the order the jobs happen to run: the later call first.
        var onTheCall = await rig.Analyses.EnsureAsync(conversation, voice, Ct);
        var onWhatsApp = await rig.Analyses.EnsureAsync(conversation, whatsapp, Ct);
        Assert.True(onWhatsApp.End < 0 && onTheCall.End > 0, $"WhatsApp ends {onWhatsApp.End}, the call {onTheCall.End}");

        var view = await s.Store.GetConversationAsync(conversation, Ct);
        var read = await new ConversationInsights(rig.Saved).AddToAsync(ConversationResponse.From(view!), Ct);

        var rollUp = Assert.IsType<ConversationRollUp>(read.InsightSummary);
        // Recomputed here from the kept turns of both interactions in the order they were said.
        var turns = onWhatsApp.Turns.Concat(onTheCall.Turns).OrderBy(t => t.At).ToList();
        Assert.Equal((2, 7), (rollUp.Interactions, rollUp.Turns));
        Close(turns.Select((t, i) => (i + 1) * t.Sentiment).Sum() / turns.Select((_, i) => i + 1.0).Sum(), rollUp.Sentiment);
        Close(turns.Take(2).Average(t => t.Sentiment), rollUp.Start);
        Close(turns.TakeLast(2).Average(t => t.Sentiment), rollUp.End);
        Assert.True(rollUp.Trend > InsightAggregate.SteadyBand, $"trend {rollUp.Trend}");
        Assert.Equal("improving", rollUp.Direction);
        Close(turns.Where(t => t.Speaker == TurnInsight.Customer).Average(t => t.Sentiment), rollUp.Participants[TurnInsight.Customer]);
        Close(turns.Where(t => t.Speaker == TurnInsight.Agent).Average(t => t.Sentiment), rollUp.Participants[TurnInsight.Agent]);
        Assert.Equal(["whatsapp", "voice"], rollUp.Channels);
        Assert.Equal(turns.SelectMany(t => t.Topics).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count()), rollUp.Topics);
        Assert.True(rollUp.Topics.ContainsKey("billing") && rollUp.Topics.ContainsKey("delivery"), string.Join(", ", rollUp.Topics.Keys));
        Assert.Equal([whatsapp.TaskId, voice.TaskId], read.Insights.Select(i => i.TaskId));
    }

    [Fact]
    public async Task A_conversation_with_no_analysed_work_has_no_roll_up()
    {
        await using var s = await CreateStoreAsync();
        var rig = new InsightRig(s);
        var (conversation, _) = await rig.InteractionAsync(Channel.Chat, "visitor-insight-open", "ann", "support", (Direction.In, "Hello?"));

        var view = await s.Store.GetConversationAsync(conversation, Ct);
        var read = await new ConversationInsights(rig.Saved).AddToAsync(ConversationResponse.From(view!), Ct);

        Assert.Null(read.InsightSummary);
        Assert.All(read.Timeline, e => Assert.Null(e.Insight));
    }

    [Fact]
    public async Task Replaying_the_job_keeps_the_first_analysis_and_adds_no_row()
    {
        await using var s = await CreateStoreAsync();
        var rig = new InsightRig(s);
        var (conversation, work) = await rig.InteractionAsync(Channel.WhatsApp, "+447700900502", "ann", "support",
            (Direction.In, "Where is my refund?"), (Direction.Out, "It was sent yesterday."));
        var job = new InteractionAnalysisJob<InsightAnalyses>(rig.Analyses);
        var row = OutboxMessage.New(OutboxKind.InsightAnalyse, InteractionSyncPayload.InsightKeyFor(conversation, work.TaskId), Guid.NewGuid(), conversation, work.TaskId,
            work.WrappedUpAt, JsonSerializer.Serialize(work, JsonSerializerOptions.Web));

        await job.HandleAsync(row, Ct);
        var first = await rig.Saved.GetForTaskAsync(work.TaskId, Ct);
        await job.HandleAsync(row, Ct);
        var again = await rig.Analyses.EnsureAsync(conversation, work, Ct);

        Assert.NotNull(first);
        Assert.Equal((first.Id, first.AnalysedAt, first.Overall), (again.Id, again.AnalysedAt, again.Overall));
        await using var connection = await s.Dialect.OpenAsync(Ct);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM insight_interactions"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM insight_turns"));
        Assert.Equal(2, (await rig.Saved.ListForConversationAsync(conversation, Ct)).Single().Turns.Count);
    }

    [Fact]
    public async Task The_aggregates_per_channel_queue_and_agent_equal_those_computed_from_the_kept_turns_and_respect_the_readers_scope()
    {
        await using var s = await CreateStoreAsync();
        var rig = new InsightRig(s);
        var played = new[]
        {
            await rig.InteractionAsync(Channel.WhatsApp, "+447700900511", "ann", "support", (Direction.In, "My parcel is late again, this is terrible"), (Direction.Out, "Sorry, it arrives tomorrow."), (Direction.In, "OK, thanks a lot")),
            await rig.InteractionAsync(Channel.Chat, "visitor-agg-1", "ann", "billing", (Direction.In, "I want a refund for the invoice"), (Direction.Out, "Done, you will see it in three days."), (Direction.In, "Perfect, thank you!")),
            await rig.InteractionAsync(Channel.WhatsApp, "+447700900512", "ben", "billing", (Direction.In, "You charged twice, fix it now"), (Direction.Out, "I cannot see a second charge."), (Direction.In, "Useless. I'm leaving.")),
            await rig.InteractionAsync(Channel.Chat, "visitor-agg-2", "ben", "support", (Direction.In, "Hello, quick question about opening hours")),
        };
        foreach (var (conversation, work) in played)
        {
            await rig.Analyses.EnsureAsync(conversation, work, Ct);
        }

        var expected = await FromKeptTurnsAsync(s);
        foreach (var grouping in Enum.GetValues<InsightGrouping>())
        {
            var actual = InsightAggregate.Of(await rig.Saved.ListEndedAsync(null, null, WorkScope.Everything, Ct), grouping);
            var groups = expected.GroupBy(e => grouping switch { InsightGrouping.Channel => e.Channel, InsightGrouping.Queue => e.Queue, _ => e.Agent }).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            Assert.Equal(groups.Select(g => g.Key), actual.Select(a => a.Key));
            foreach (var (group, aggregate) in groups.Zip(actual))
            {
                Assert.Equal(group.Count(), aggregate.Interactions);
                Assert.Equal(group.Sum(e => e.Turns), aggregate.Turns);
                Close(group.Average(e => e.Overall), aggregate.Sentiment);
                Close(group.Average(e => e.Trend), aggregate.Trend);
                Close(group.Average(e => e.Customer), aggregate.CustomerSentiment);
                Assert.Equal(group.SelectMany(e => e.Topics).GroupBy(t => t).ToDictionary(t => t.Key, t => t.Count()), aggregate.Topics);
            }
        }

        // The interval is on when the work ended; a supervisor of billing sees billing's and their own, an agent their own.
        var firstEnded = played[0].Work.WrappedUpAt;
        Assert.Equal(3, (await rig.Saved.ListEndedAsync(firstEnded.AddSeconds(1), null, WorkScope.Everything, Ct)).Count);
        Assert.Single(await rig.Saved.ListEndedAsync(null, firstEnded.AddSeconds(1), WorkScope.Everything, Ct));
        Assert.Equal([played[1].Work.TaskId, played[2].Work.TaskId],
            (await rig.Saved.ListEndedAsync(null, null, new WorkScope("sue", ["billing"]), Ct)).Select(i => i.TaskId));
        Assert.Equal([played[2].Work.TaskId, played[3].Work.TaskId],
            (await rig.Saved.ListEndedAsync(null, null, new WorkScope("ben", []), Ct)).Select(i => i.TaskId));
    }

    /// <summary>Each interaction's figures recomputed here from its kept turns: end-weighted mean, thirds, the customer's mean.</summary>
    private static async Task<List<Expected>> FromKeptTurnsAsync(StoreUnderTest s)
    {
        await using var connection = await s.Dialect.OpenAsync(Ct);
        var interactions = await connection.QueryAsync<(string TaskId, string Channel, string Queue, string Agent)>(
            "SELECT CAST(task_id AS text), channel, queue, agent_id FROM insight_interactions");
        var expected = new List<Expected>();
        foreach (var (taskId, channel, queue, agent) in interactions)
        {
            var turns = (await connection.QueryAsync<(string Speaker, double Sentiment, string Topics)>(
                "SELECT speaker, sentiment, topics FROM insight_turns WHERE CAST(task_id AS text) = @taskId ORDER BY turn_index", new { taskId })).ToList();
            var weighted = turns.Select((t, i) => (i + 1) * t.Sentiment).Sum() / turns.Select((_, i) => i + 1.0).Sum();
            var third = Math.Max(1, turns.Count / 3);
            expected.Add(new Expected(channel, queue, agent, turns.Count, weighted,
                turns.TakeLast(third).Average(t => t.Sentiment) - turns.Take(third).Average(t => t.Sentiment),
                turns.Where(t => t.Speaker == "customer").Average(t => t.Sentiment),
                turns.SelectMany(t => JsonSerializer.Deserialize<string[]>(t.Topics)!).Distinct().ToList()));
        }

        return expected;
    }

    // Kept figures are rounded to four places; recomputed ones are not.
    private static void Close(double expected, double? actual) => Assert.InRange(actual ?? double.NaN, expected - 1e-3, expected + 1e-3);

    private sealed record Expected(string Channel, string Queue, string Agent, int Turns, double Overall, double Trend, double Customer, List<string> Topics);
}

public sealed class SqliteInsightContractTests : InsightContractTests
{
    protected override Task<StoreUnderTest> CreateStoreAsync() => StoreUnderTest.SqliteAsync();
}

public sealed class PostgresInsightContractTests : InsightContractTests
{
    protected override Task<StoreUnderTest> CreateStoreAsync() => StoreUnderTest.PostgresAsync();
}
