namespace Connector.Ai.Assist;

/// <summary>What makes a group of replies worth an admin's review.</summary>
/// <param name="MinSent">Sent at least this often: a rare reply is not a pattern.</param>
/// <param name="MinAgents">By at least this many agents: one agent's habit is not the team's answer.</param>
/// <param name="Similarity">Cosine of sentence embeddings at or above which two wordings are one reply.</param>
public sealed record MiningThresholds(int MinSent = 3, int MinAgents = 2, double Similarity = 0.8)
{
    public static MiningThresholds Default { get; } = new();
}
