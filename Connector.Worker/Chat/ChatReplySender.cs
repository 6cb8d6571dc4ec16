using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Customers;
using Connector.Worker.Acs;

namespace Connector.Worker.Chat;

/// <summary>
/// An agent's reply into the visitor's ACS chat thread, posted by the connector's service identity. ACS Chat's send
/// has no repeatability headers (only thread creation has), so the reply's request id travels in the message's
/// <c>metadata</c>; a send that may have reached ACS before looks for its message in the thread first.
/// </summary>
internal sealed class ChatReplySender(AcsConnection acs, AcsChatClient chat, ChatServiceIdentity chatIdentity, ChatSessionStore chatSessions) : IChannelReplySender
{
    /// <summary>The metadata key of the reply's request id on the chat message.</summary>
    public const string ReplyIdMetadata = "connectorReplyId";

    /// <summary>How far before the reply's first send the thread is searched (clocks of ACS and the Worker differ).</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public Channel Channel => Channel.Chat;

    public string? Unavailable => acs.IsConfigured ? null : AcsConnection.NotConfigured;

    public async Task<PreparedReply> PrepareAsync(ChannelReply reply, CancellationToken ct)
    {
        var visitors = reply.Customer.Identities.Where(i => i.Kind == IdentityKind.Chat).ToList();
        var thread = await chatSessions.FindThreadAsync(visitors.Select(v => v.Value).ToList(), ct)
            ?? throw new ReplyRefusedException(ReplyRefusal.Conflict, "No web chat", "This customer has no web-chat session to answer in.");
        if (string.IsNullOrWhiteSpace(reply.Text))
        {
            throw new ReplyRefusedException(ReplyRefusal.Invalid, "text is required", "A chat reply needs text.");
        }

        return new PreparedReply(visitors[0], reply.Text, JsonSerializer.Serialize(new ChatDelivery(thread, reply.Text, reply.AgentId), JsonSerializerOptions.Web));
    }

    public async Task<string> SendAsync(PreparedReply reply, ReplyAttempt attempt, CancellationToken ct)
    {
        var delivery = JsonSerializer.Deserialize<ChatDelivery>(reply.Delivery, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("A chat reply was kept without its delivery.");
        var connector = await chatIdentity.GetAsync(ct);
        var replyId = attempt.RequestId.ToString();
        if (attempt.MaybeSentBefore)
        {
            var earlier = (await chat.ListMessagesAsync(connector.Token, delivery.Thread, attempt.FirstSentAt - ClockSkew, ct))
                .FirstOrDefault(m => m.Metadata?.GetValueOrDefault(ReplyIdMetadata) == replyId);
            if (earlier is not null)
            {
                return earlier.Id;
            }
        }

        return await chat.SendMessageAsync(connector.Token, delivery.Thread, delivery.Text, delivery.SenderDisplayName,
            new Dictionary<string, string> { [ReplyIdMetadata] = replyId }, ct);
    }

    public Task RecordedAsync(ChannelReceipt receipt, Guid timelineEventId, CancellationToken ct) => Task.CompletedTask;

    /// <summary>What a chat reply sends: the text into the visitor's thread, under the agent's name.</summary>
    private sealed record ChatDelivery(string Thread, string Text, string SenderDisplayName);
}
