namespace Connector.Worker.Push.Messages;

/// <summary>The offer is gone: <c>expired</c>, <c>declined</c>, or <c>takenAway</c> (the work went elsewhere or ended).</summary>
public sealed record OfferWithdrawn(Guid TaskId, string Reason);
