namespace Connector.Core.Outbox;

/// <summary>The payload of a <c>bot.turn</c> row: the journey the message came with (null: the channel's).</summary>
public sealed record BotTurnPayload(string? Journey);
