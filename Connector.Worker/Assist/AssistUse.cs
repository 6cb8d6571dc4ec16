namespace Connector.Worker.Assist;

/// <summary>What an agent did with one suggestion, as kept in <c>assist_uses</c>.</summary>
/// <param name="Text">Only for an inserted draft: its text, to match the reply sent after it.</param>
/// <param name="SourceUse">For <c>used</c>: the insert the sent reply matched.</param>
internal sealed record AssistUse(
    Guid Id, Guid ConversationId, string AgentId, string Kind, string SuggestionId, string Action, string? Text, Guid? SourceUse, DateTimeOffset At)
{
    public static readonly string[] Kinds = ["article", "reply", "draft"];

    /// <summary>What the panel reports; <c>used</c> is recorded by the connector when a sent reply matches an insert.</summary>
    public static readonly string[] Actions = ["shown", "inserted", "sent", "dismissed"];

    public const string Inserted = "inserted";
    public const string Used = "used";
}
