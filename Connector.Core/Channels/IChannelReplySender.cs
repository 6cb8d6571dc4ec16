namespace Connector.Core.Channels;

/// <summary>
/// A channel's way of sending an agent's reply to the customer: chat, WhatsApp and email each have one; voice has
/// none (a call is answered with call controls). Implementations enforce their channel's own rules (WhatsApp's
/// 24-hour window, email threading) and refuse with <see cref="ReplyRefusedException"/>. The host keeps what was sent
/// on the conversation's timeline.
/// </summary>
public interface IChannelReplySender
{
    Channel Channel { get; }

    /// <summary>Why the channel cannot send at all right now (e.g. its transport is not configured), or null.</summary>
    string? Unavailable { get; }

    Task<ChannelReceipt> SendAsync(ChannelReply reply, CancellationToken ct);

    /// <summary>
    /// The reply is on the timeline as <paramref name="timelineEventId"/>: the channel may follow it further (an
    /// email is only queued by the provider until its send operation ends).
    /// </summary>
    Task RecordedAsync(ChannelReceipt receipt, Guid timelineEventId, CancellationToken ct);
}
