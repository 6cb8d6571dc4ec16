using Connector.Core.Channels;
using Connector.Core.Customers;
using Connector.Worker.Acs;

namespace Connector.Worker.Chat;

/// <summary>An agent's reply into the visitor's ACS chat thread, posted by the connector's service identity.</summary>
internal sealed class ChatReplySender(AcsConnection acs, AcsChatClient chat, ChatServiceIdentity chatIdentity, ChatSessionStore chatSessions) : IChannelReplySender
{
    public Channel Channel => Channel.Chat;

    public string? Unavailable => acs.IsConfigured ? null : AcsConnection.NotConfigured;

    public async Task<ChannelReceipt> SendAsync(ChannelReply reply, CancellationToken ct)
    {
        var visitors = reply.Customer.Identities.Where(i => i.Kind == IdentityKind.Chat).ToList();
        var thread = await chatSessions.FindThreadAsync(visitors.Select(v => v.Value).ToList(), ct)
            ?? throw new ReplyRefusedException(ReplyRefusal.Conflict, "No web chat", "This customer has no web-chat session to answer in.");
        if (string.IsNullOrWhiteSpace(reply.Text))
        {
            throw new ReplyRefusedException(ReplyRefusal.Invalid, "text is required", "A chat reply needs text.");
        }

        var connector = await chatIdentity.GetAsync(ct);
        var messageId = await chat.SendMessageAsync(connector.Token, thread, reply.Text, reply.AgentId, ct);
        return new ChannelReceipt(visitors[0], messageId, reply.Text);
    }

    public Task RecordedAsync(ChannelReceipt receipt, Guid timelineEventId, CancellationToken ct) => Task.CompletedTask;
}
