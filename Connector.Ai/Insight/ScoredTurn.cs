namespace Connector.Ai.Insight;

/// <summary>One message or transcript phrase, by whom (<c>customer</c>, <c>agent</c>, <c>bot</c>) and when, with its sentiment.</summary>
public sealed record ScoredTurn(string Speaker, DateTimeOffset At, double Sentiment);
