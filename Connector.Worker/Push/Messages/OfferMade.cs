namespace Connector.Worker.Push.Messages;

/// <summary>
/// A task is offered to the agent until <see cref="ExpiresAt"/> (the panel counts down to it), waiting since
/// <see cref="WaitingSince"/>; <see cref="Why"/> is the router's recorded reason; <see cref="HandOffSummary"/> is the bot's
/// summary when the bot handed the customer over (the whole transcript is on the timeline).
/// </summary>
public sealed record OfferMade(
    Guid TaskId, Guid ConversationId, string Channel, string? Queue, Guid CustomerId, DateTimeOffset WaitingSince, DateTimeOffset ExpiresAt, OfferReason? Why,
    string? HandOffSummary = null);
