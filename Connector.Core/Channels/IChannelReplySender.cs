namespace Connector.Core.Channels;

/// <summary>
/// A channel's way of sending an agent's reply to the customer: chat, WhatsApp and email each have one; voice has
/// none (a call is answered with call controls). A reply is recorded before it is sent, so sending is two steps:
/// <see cref="PrepareAsync"/> enforces the channel's own rules (WhatsApp's 24-hour window, email threading), refusing
/// with <see cref="ReplyRefusedException"/>, and works out what to send; <see cref="SendAsync"/> sends that, possibly
/// again after a crash, so it must make one message of any number of sends with the same <see cref="ReplyAttempt"/>.
/// </summary>
public interface IChannelReplySender
{
    Channel Channel { get; }

    /// <summary>Why the channel cannot send at all right now (e.g. its transport is not configured), or null.</summary>
    string? Unavailable { get; }

    /// <summary>Checks the reply against the channel's rules and returns what to send; sends nothing.</summary>
    Task<PreparedReply> PrepareAsync(ChannelReply reply, CancellationToken ct);

    /// <summary>Sends a prepared reply; returns the channel's message id (the same one when the channel saw this attempt before).</summary>
    Task<string> SendAsync(PreparedReply reply, ReplyAttempt attempt, CancellationToken ct);

    /// <summary>
    /// The reply is on the timeline as <paramref name="timelineEventId"/> and was sent: the channel may follow it
    /// further (an email is only queued by the provider until its send operation ends). Called once per reply.
    /// </summary>
    Task RecordedAsync(ChannelReceipt receipt, Guid timelineEventId, CancellationToken ct);
}
