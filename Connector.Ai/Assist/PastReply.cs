namespace Connector.Ai.Assist;

/// <summary>One reply an agent sent, as the miner reads it (its text as the timeline keeps it: redacted).</summary>
public sealed record PastReply(string AgentId, string Text);
