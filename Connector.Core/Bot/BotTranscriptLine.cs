namespace Connector.Core.Bot;

/// <summary>One line of the bot's conversation: <paramref name="Author"/> is <c>customer</c> or <c>bot</c>.</summary>
public sealed record BotTranscriptLine(DateTimeOffset At, string Author, string Text);
