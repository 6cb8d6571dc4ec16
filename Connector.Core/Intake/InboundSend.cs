namespace Connector.Core.Intake;

/// <summary>
/// The outbox row that sends an outbound message intake records first (an agent's reply): written in the same
/// transaction as the pending timeline entry, with that entry as its subject, so a crash after the commit still sends it.
/// </summary>
/// <param name="NotBefore">When the outbox may first hand the row out: the request sends it itself meanwhile.</param>
public sealed record InboundSend(string Kind, string IdempotencyKey, string Payload, DateTimeOffset? NotBefore = null);
