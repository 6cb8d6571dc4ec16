namespace Connector.Worker.Acs;

/// <summary>The repeatability of one piece of work across sends: its <c>Repeatability-Request-ID</c> and <c>Repeatability-First-Sent</c>.</summary>
public sealed record AcsRepeatableRequest(Guid RequestId, DateTimeOffset FirstSentAt);
