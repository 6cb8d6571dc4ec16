namespace Connector.Ai.Retrieval;

/// <summary>
/// One thing a retriever can return: an FAQ entry, a knowledge article, a reviewed reply. <paramref name="Texts"/> are
/// the ways it is asked or said (a question and its example utterances, a title and its body); a query matches the
/// document through the best of them.
/// </summary>
/// <param name="Id">The caller's id, returned in each hit.</param>
/// <param name="Language">A language tag (<c>en</c>, <c>de</c>); a search may be limited to one.</param>
/// <param name="Texts">At least one non-blank text.</param>
public sealed record RetrievalDocument(string Id, string Language, IReadOnlyList<string> Texts);
