namespace Connector.Core.Intake;

/// <summary>
/// The delivery an inbound event was read from, kept in intake's own transaction: the raw record and the state it
/// produced are committed together, or neither is.
/// </summary>
/// <param name="Id">The delivery's event id (Event Grid's), unique per event.</param>
/// <param name="Body">The event as delivered, with sensitive data already redacted.</param>
public sealed record InboundRawEvent(string Id, string Type, string Source, string Body);
