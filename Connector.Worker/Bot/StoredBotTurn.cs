using Connector.Core.Bot;

namespace Connector.Worker.Bot;

/// <summary>One customer message the bot handled, as kept in <c>bot_turns</c>: the turn, how it was produced, and the hand-off it made, if any.</summary>
internal sealed record StoredBotTurn(Guid MessageId, Guid ConversationId, string Channel, BotTurn Turn, BotHandOffReason? Reason, string Method, BotHandOff? HandOff);
