namespace Connector.Ai.Assist;

/// <summary>A document the customer's words matched, with what makes it a match.</summary>
/// <param name="Score">In [0, 1]: higher is closer.</param>
/// <param name="MatchedText">The document's text that matched best.</param>
/// <param name="Method">How it was scored, for the agent's "why" (<c>semantic</c>, <c>hybrid</c>).</param>
public sealed record AssistHit(string DocumentId, double Score, string MatchedText, string Method);
