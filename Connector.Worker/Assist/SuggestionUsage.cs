namespace Connector.Worker.Assist;

/// <summary>How one suggestion fared, for pruning the library: each action counted, and by how many agents.</summary>
/// <param name="Title">The article's title or the reply's text; null for a draft.</param>
/// <param name="State">The article's or reply's state now (a retired article, a rejected reply); null for a draft.</param>
internal sealed record SuggestionUsage(
    string Kind, string SuggestionId, string? Title, string? State, int Shown, int Inserted, int Sent, int Dismissed, int Used, int Agents, DateTimeOffset LastAt);
