namespace Connector.Ai.Assist;

/// <summary>A suggestion the draft may rest on: a knowledge article or a published reply.</summary>
/// <param name="Kind"><c>article</c> or <c>reply</c>.</param>
public sealed record AssistSource(string Kind, string Id, string Title, string Text);
