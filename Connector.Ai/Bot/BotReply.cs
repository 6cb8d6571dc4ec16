using Connector.Core.Bot;

namespace Connector.Ai.Bot;

/// <summary>
/// The bot's answer to one message: its decision, the text to send (an FAQ answer, or asking again; none on a
/// hand-off), the FAQ entries the text rests on, and what produced it (<c>embedded</c>, <c>ai (…)</c>, or
/// <c>embedded (AI fell back: 429)</c>).
/// </summary>
public sealed record BotReply(BotDecision Decision, string? Text, IReadOnlyList<string> Sources, string Method);
