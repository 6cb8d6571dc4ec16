namespace Connector.Ai.Assist;

/// <summary>
/// A candidate for the reply library: replies that say the same thing, however worded.
/// </summary>
/// <param name="Text">The most often sent wording of the group, normalized (placeholders for what was one customer's).</param>
/// <param name="Key">The exact-duplicate key of <paramref name="Text"/> (<see cref="ReplyNormalizer.KeyOf"/>): one library entry per key.</param>
/// <param name="SentCount">How many replies the group holds.</param>
/// <param name="AgentCount">How many agents sent one of them.</param>
/// <param name="Variants">The group's other wordings, most sent first (at most five).</param>
public sealed record MinedReply(string Text, string Key, int SentCount, int AgentCount, IReadOnlyList<string> Variants);
