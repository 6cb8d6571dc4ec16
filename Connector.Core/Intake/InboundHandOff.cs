namespace Connector.Core.Intake;

/// <summary>
/// The task a bot's hand-off opens: routed by <paramref name="Journey"/> (null: the channel's) at
/// <paramref name="Priority"/>, aged from the customer's last message, and offered with <paramref name="Summary"/>.
/// </summary>
public sealed record InboundHandOff(string? Journey, int Priority, DateTimeOffset CustomerLastMessageAt, string Summary);
