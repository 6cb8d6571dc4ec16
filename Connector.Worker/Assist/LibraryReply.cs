namespace Connector.Worker.Assist;

/// <summary>A reply of the library: mined from agents' sent replies, then reviewed by an admin. Only published ones are suggested.</summary>
/// <param name="Text">What is suggested: the mined wording, or the admin's edit of it.</param>
/// <param name="MinedText">The wording as mined, kept when the admin edits <paramref name="Text"/>.</param>
internal sealed record LibraryReply(
    Guid Id, string Key, string Text, string MinedText, IReadOnlyList<string> Variants, string State, int SentCount, int AgentCount,
    DateTimeOffset MinedAt, string? ReviewedBy, DateTimeOffset? ReviewedAt)
{
    public const string Candidate = "candidate";
    public const string Published = "published";
    public const string Rejected = "rejected";

    public static readonly string[] States = [Candidate, Published, Rejected];
}
