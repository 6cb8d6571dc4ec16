namespace Connector.Ai.Assist;

/// <summary>A knowledge article or a published reply, as assist searches it.</summary>
/// <param name="Id">The caller's id, returned in each hit.</param>
/// <param name="Language">A language tag (<c>en</c>, <c>de</c>).</param>
/// <param name="Texts">The ways it can be matched (an article's title, and its title with its body); the best one counts.</param>
public sealed record AssistDocument(string Id, string Language, IReadOnlyList<string> Texts);
