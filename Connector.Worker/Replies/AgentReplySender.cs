using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Intake;
using Connector.Core.Storage;

namespace Connector.Worker.Replies;

/// <summary>
/// Sends an agent's reply through the conversation's channel (the <see cref="IChannelReplySender"/> each channel
/// room registers) and keeps it on the timeline through intake, as an outbound message; the first reply also
/// stops the task's first-response clock.
/// </summary>
internal sealed class AgentReplySender(
    IConnectorStore store,
    InboundEventIntake intake,
    IEnumerable<IChannelReplySender> senders,
    IRoutingStore routing,
    TimeProvider time)
{
    public async Task<SentReply> SendAsync(Guid conversationId, AgentReply reply, CancellationToken ct)
    {
        if (!ChannelNames.TryParse(reply.Channel, out var channel))
        {
            throw new ReplyRefusedException(ReplyRefusal.Invalid, "Unknown channel", $"channel must be one of {string.Join(", ", ChannelNames.All)}; got '{reply.Channel}'.");
        }

        if (string.IsNullOrWhiteSpace(reply.AgentId))
        {
            throw new ReplyRefusedException(ReplyRefusal.Invalid, "agentId is required", "Name the agent who sends the message.");
        }

        var view = await store.GetConversationAsync(conversationId, ct)
            ?? throw new ReplyRefusedException(ReplyRefusal.NotFound, "Unknown conversation", $"No conversation has the id {conversationId}.");
        var customer = await store.GetCustomerAsync(view.Conversation.CustomerId, ct)
            ?? throw new ReplyRefusedException(ReplyRefusal.NotFound, "Unknown customer", "The conversation's customer no longer exists.");
        var sender = senders.FirstOrDefault(s => s.Channel == channel)
            ?? throw new ReplyRefusedException(ReplyRefusal.Invalid, $"{channel.ToName()} has no messages", "A call is answered with call controls, not messages.");
        if (sender.Unavailable is { } why)
        {
            throw new ReplyRefusedException(ReplyRefusal.Unavailable, "Channel not configured", why);
        }

        var receipt = await sender.SendAsync(new ChannelReply(view, customer, reply.AgentId, reply.Text, reply.TemplateName, reply.TemplateParameters, reply.Subject), ct);
        var result = await intake.AcceptAsync(new InboundEvent(
            $"reply:{channel.ToName()}:{receipt.MessageId}", channel, TimelineEventType.Message, Direction.Out, time.GetUtcNow(),
            [new InboundIdentity(receipt.To.Kind, receipt.To.Value)], receipt.Text, receipt.MessageId, ConversationId: conversationId), ct);
        if (result.TimelineEventId is { } entry)
        {
            await sender.RecordedAsync(receipt, entry, ct);
        }

        await routing.RecordFirstResponseAsync(conversationId, reply.AgentId, time.GetUtcNow(), ct);
        return new SentReply(channel.ToName(), receipt.MessageId, result.TimelineEventId, receipt.Template, receipt.Subject);
    }
}
