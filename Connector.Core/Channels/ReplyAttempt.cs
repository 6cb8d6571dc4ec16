namespace Connector.Core.Channels;

/// <summary>
/// Which reply a send belongs to: the same for every send of one reply, so the channel can make them one message
/// (ACS's <c>Repeatability-Request-ID</c> and <c>Repeatability-First-Sent</c>, an email's <c>Operation-Id</c>).
/// </summary>
/// <param name="RequestId">Derived from the reply's idempotency key.</param>
/// <param name="FirstSentAt">When the reply was recorded; sent unchanged with every repeat.</param>
/// <param name="MaybeSentBefore">A send of this reply may already have reached the channel (a retry, a resend after a crash).</param>
public sealed record ReplyAttempt(Guid RequestId, DateTimeOffset FirstSentAt, bool MaybeSentBefore);
