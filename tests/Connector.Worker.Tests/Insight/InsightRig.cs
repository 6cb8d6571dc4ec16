using Connector.Ai.Embeddings;
using Connector.Ai.Insight;
using Connector.Ai.Sentiment;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Insight;
using Connector.Core.Intake;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Worker.Insight;
using Connector.Worker.InteractionAnalysis;
using Connector.Worker.Qa;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Worker.Tests.Insight;

/// <summary>
/// The insight layer as the Worker composes it, over a real store and the embedded sentiment model (no network), and
/// short ways to play a WhatsApp or chat interaction to its end.
/// </summary>
internal sealed class InsightRig
{
    // One model for every test: loading it costs a second or two.
    private static readonly SentenceEmbedder Embedder = new();
    private static readonly EmbeddedSentimentScorer Scorer = new(Embedder, SentimentWeights.LoadShipped(), NullLogger<EmbeddedSentimentScorer>.Instance);

    public static readonly InsightPolicy Topics = new(
    [
        new InsightTopic("billing", ["invoice", "refund*"], ["charged twice"], []),
        new InsightTopic("delivery", [], [], ["Where is my parcel?", "My order has not arrived yet", "The courier never delivered my package"]),
    ], InsightPolicy.DefaultThreshold);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public InsightRig(StoreUnderTest store)
    {
        Store = store;
        Saved = new InsightStore(store.Dialect);
        Analyses = new InsightAnalyses(
            new FinishedInteractions(store.Store, store.Routing, new QaInteractionReader(Data, NullLogger<QaInteractionReader>.Instance)),
            new TurnAnalyzer(Scorer, new TopicRules(Topics.Topics), new TopicCentroids(Embedder, Topics)), Saved, store.Time, NullLogger<InsightAnalyses>.Instance);
    }

    public StoreUnderTest Store { get; }
    public DataDirectory Data { get; } = new(Directory.CreateTempSubdirectory("connector-insight-").FullName);
    public InsightStore Saved { get; }
    public InsightAnalyses Analyses { get; }

    /// <summary>
    /// The customer's messages (in) and the agent's (out), a minute apart, on a new conversation; the agent took the task
    /// in <paramref name="queue"/> and the work ended a minute after the last message.
    /// </summary>
    public async Task<(Guid Conversation, InteractionSyncPayload Work)> InteractionAsync(
        Channel channel, string who, string agent, string queue, params (Direction Direction, string Text)[] messages)
    {
        var kind = channel == Channel.Chat ? IdentityKind.Chat : IdentityKind.WhatsApp;
        Guid? conversation = null;
        Guid? task = null;
        foreach (var (direction, text) in messages)
        {
            Store.Time.Advance(TimeSpan.FromMinutes(1));
            var result = await Store.Intake.AcceptAsync(new InboundEvent(
                Guid.NewGuid().ToString(), channel, TimelineEventType.Message, direction, Store.Time.GetUtcNow(), [new InboundIdentity(kind, who)], text), Ct);
            conversation ??= result.ConversationId;
            task ??= result.TaskId;
        }

        await Store.Routing.SaveRoutingAsync(
            [new TaskRoutingChange(task!.Value, RoutingTaskState.Assigned, agent, queue, null, null, null, null, Store.Time.GetUtcNow()) { AssignedNow = true }], [], "test", Ct);
        Store.Time.Advance(TimeSpan.FromMinutes(1));
        return (conversation!.Value, new InteractionSyncPayload(task.Value, agent, channel.ToName(), "resolved", null, Store.Time.GetUtcNow()));
    }

    /// <summary>
    /// A call that opened a voice task, and its transcript as the voice room keeps it (a timeline entry pointing at the
    /// file of <paramref name="lines"/>, <c>[hh:mm:ss] Speaker: text</c>); the agent took it and the work ended after.
    /// </summary>
    public async Task<(Guid Conversation, InteractionSyncPayload Work)> CallAsync(string phone, string agent, string queue, params string[] lines)
    {
        var callId = $"call-{Guid.NewGuid():N}";
        var result = await Store.Intake.AcceptAsync(Events.Call(Guid.NewGuid().ToString(), phone, Store.Time.GetUtcNow(), callId), Ct);
        var conversation = result.ConversationId!.Value;
        var path = Path.Combine("transcripts", $"{callId}.txt");
        Directory.CreateDirectory(Data.Combine("transcripts"));
        await File.WriteAllLinesAsync(Data.Combine(path), lines, Ct);
        Store.Time.Advance(TimeSpan.FromMinutes(2));
        await using (var connection = await Store.Dialect.OpenAsync(Ct))
        {
            var segment = await connection.QuerySingleAsync<Guid>(new CommandDefinition(
                "SELECT id FROM conversation_segments WHERE conversation_id = @conversation ORDER BY sequence LIMIT 1", new { conversation }, cancellationToken: Ct));
            var eventId = Guid.NewGuid();
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO timeline_events (id, conversation_id, segment_id, type, channel, direction, at, text, external_ref)
                VALUES (@eventId, @conversation, @segment, 'transcript_available', 'voice', 'in', @now, 'Call transcript', @callId)
                """, new { eventId, conversation, segment, now = Store.Time.GetUtcNow(), callId }, cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO timeline_attachments (id, timeline_event_id, file_name, content_type, size_bytes, path, created_at)
                VALUES (@id, @eventId, 'transcript.txt', 'text/plain', 1, @path, @now)
                """, new { id = Guid.NewGuid(), eventId, path, now = Store.Time.GetUtcNow() }, cancellationToken: Ct));
        }

        await Store.Routing.SaveRoutingAsync(
            [new TaskRoutingChange(result.TaskId!.Value, RoutingTaskState.Assigned, agent, queue, null, null, null, null, Store.Time.GetUtcNow()) { AssignedNow = true }], [], "test", Ct);
        Store.Time.Advance(TimeSpan.FromMinutes(1));
        return (conversation, new InteractionSyncPayload(result.TaskId!.Value, agent, Channel.Voice.ToName(), "resolved", null, Store.Time.GetUtcNow()));
    }
}
