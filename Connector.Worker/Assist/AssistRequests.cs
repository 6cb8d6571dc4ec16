namespace Connector.Worker.Assist;

/// <summary>A knowledge article as an admin writes it (create and update alike).</summary>
internal sealed record KnowledgeArticleRequest(string? Title, string? Body, string? Language, List<string?>? Tags);

/// <summary>What to mine: replies sent since <c>since</c> (default 90 days ago), and the thresholds a group must pass.</summary>
internal sealed record MineRepliesRequest(DateTimeOffset? Since, int? MinSent, int? MinAgents);

/// <summary>An admin's review of a library reply: its new state and, optionally, its edited text.</summary>
internal sealed record ReviewReplyRequest(string? State, string? Text);

/// <summary>What the agent did with a suggestion; <c>text</c> only for an inserted draft.</summary>
internal sealed record AssistUseRequest(string? SuggestionId, string? Kind, string? Action, string? Text);
