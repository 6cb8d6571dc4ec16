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
using Connector.Worker.Qa;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
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
            store.Store, store.Routing, new QaInteractionReader(new DataDirectory(Path.GetTempPath()), NullLogger<QaInteractionReader>.Instance),
            new TurnAnalyzer(Scorer, new TopicRules(Topics.Topics), new TopicCentroids(Embedder, Topics)), Saved, store.Time, NullLogger<InsightAnalyses>.Instance);
    }

    public StoreUnderTest Store { get; }
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
}
