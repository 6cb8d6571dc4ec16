namespace Connector.Worker.Push.Messages;

/// <summary>
/// A task is offered to the agent until <see cref="ExpiresAt"/> (the panel counts down to it), waiting since
/// <see cref="WaitingSince"/>; <see cref="Why"/> is the router's recorded reason.
/// </summary>
public sealed record OfferMade(
    Guid TaskId, Guid ConversationId, string Channel, string? Queue, Guid CustomerId, DateTimeOffset WaitingSince, DateTimeOffset ExpiresAt, OfferReason? Why);
