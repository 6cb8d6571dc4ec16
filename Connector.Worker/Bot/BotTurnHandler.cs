using System.Text.Json;
using Connector.Ai.Bot;
using Connector.Core.Bot;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Insight;
using Connector.Core.Intake;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Outbox;
using Connector.Worker.Replies;

namespace Connector.Worker.Bot;

/// <summary>
/// <c>bot.turn</c>: the bot meets a web-chat or WhatsApp message that intake held back from routing. It scores the
/// message's sentiment, asks the bot (<see cref="IBotResponder"/>), keeps the turn, sends the reply through the
/// channel on the agents' reply path (one message whatever the retries: the reply's key is the message's), and on a
/// hand-off puts its note on the timeline and opens the routing task with the summary, in intake's one transaction.
/// A replayed job finds its turn kept and only finishes what the first did not.
/// </summary>
internal sealed partial class BotTurnHandler(
    IConnectorStore store,
    BotGate bots,
    IBotResponder responder,
    EmbeddedBotResponder embedded,
    ISentimentScorer sentiment,
    BotTurnStore turns,
    AgentReplySender replies,
    InboundEventIntake intake,
    TimeProvider time,
    ILogger<BotTurnHandler> logger) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<BotTurnPayload>(message.Payload ?? "null") ?? new BotTurnPayload(null);
        var conversationId = message.ConversationId ?? throw new InvalidOperationException($"Outbox row {message.Id} ({message.Kind}) names no conversation.");
        var messageId = message.SubjectId ?? throw new InvalidOperationException($"Outbox row {message.Id} ({message.Kind}) names no message.");
        var view = await store.GetConversationAsync(conversationId, ct)
            ?? throw new InvalidOperationException($"Conversation {conversationId} of outbox row {message.Id} is not in the store.");
        var said = view.Timeline.FirstOrDefault(e => e.Id == messageId)
            ?? throw new InvalidOperationException($"Message {messageId} of outbox row {message.Id} is not on its conversation's timeline.");
        var customer = await store.GetCustomerAsync(view.Conversation.CustomerId, ct)
            ?? throw new InvalidOperationException($"The customer of conversation {conversationId} is not in the store.");

        var policy = bots.For(said.Channel, payload.Journey);
        if (policy is null)
        {
            // The bot was switched off between the message and this job: the message goes to people as it would have.
            await OpenTaskAsync(customer, said, payload.Journey, BotHandOffRule.Default, "The bot was switched off; this message went straight to routing.", null, ct);
            return;
        }

        var kept = await turns.ListAsync(conversationId, ct);
        var turn = kept.FirstOrDefault(t => t.MessageId == messageId) ?? await DecideAsync(policy, said, kept, ct);

        if (turn.Turn.Reply is { } reply)
        {
            await replies.SendAsync(conversationId, new AgentReply(said.Channel.ToName(), reply, Authors.Bot, null, null, null), $"bot:{messageId}", ct);
        }

        if (turn.HandOff is { } handOff)
        {
            LogHandedOff(logger, conversationId, handOff.Reason.ToName());
            await OpenTaskAsync(customer, said, payload.Journey, policy.HandOffFor(handOff.Reason == BotHandOffReason.SensitiveIntent ? handOff.Intent : null),
                handOff.Summary, handOff.ToNote(), ct);
        }
    }

    private async Task<StoredBotTurn> DecideAsync(BotPolicy policy, TimelineEvent said, IReadOnlyList<StoredBotTurn> kept, CancellationToken ct)
    {
        // A session starts after the bot's last hand-off: what happened before it was a person's work.
        var lastHandOff = kept.Select((t, i) => (t, i)).LastOrDefault(x => x.t.HandOff is not null);
        var earlier = kept.Skip(lastHandOff.t is null ? 0 : lastHandOff.i + 1).Select(t => t.Turn).ToList();
        var text = said.Text ?? "";
        var mood = (await sentiment.ScoreAsync(text, ct)).Value;
        var answer = await responder.RespondAsync(policy, text, mood, earlier, ct);
        var decision = answer.Decision;
        var turn = new BotTurn(said.At, text, decision.Match, decision.Confidence, mood, decision.Outcome, answer.Text);
        BotHandOff? handOff = null;
        if (decision.Outcome == BotOutcome.HandedOff)
        {
            var knowledge = embedded.KnowledgeOf(policy);
            handOff = BotHandOff.From([.. earlier, turn], decision, id => knowledge.Entries.TryGetValue(id, out var entry) ? entry.Question : null);
        }

        return await turns.AddAsync(new StoredBotTurn(said.Id, said.ConversationId, said.Channel.ToName(), turn, decision.Reason, answer.Method, handOff), ct);
    }

    /// <summary>The hand-off note (if any) on the timeline and the task, together; a replay is intake's duplicate and changes nothing.</summary>
    private async Task OpenTaskAsync(Customer customer, TimelineEvent said, string? journey, BotHandOffRule rule, string summary, string? note, CancellationToken ct)
    {
        var kind = said.Channel == Channel.WhatsApp ? IdentityKind.WhatsApp : IdentityKind.Chat;
        var identity = customer.Identities.FirstOrDefault(i => i.Kind == kind) ?? customer.Identities[0];
        await intake.AcceptAsync(new InboundEvent(
            $"bot-handoff:{said.Id}", said.Channel, TimelineEventType.Note, Direction.Out, time.GetUtcNow(),
            [new InboundIdentity(identity.Kind, identity.Value)], note ?? summary, ConversationId: said.ConversationId,
            Author: Authors.Bot, HandOff: new InboundHandOff(rule.Journey ?? journey, rule.Priority, said.At, summary)), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The bot handed conversation {ConversationId} to a person ({Reason})")]
    private static partial void LogHandedOff(ILogger logger, Guid conversationId, string reason);
}
