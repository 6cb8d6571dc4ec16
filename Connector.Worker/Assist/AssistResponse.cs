namespace Connector.Worker.Assist;

/// <summary>
/// What <c>GET /api/conversations/{id}/assist</c> answers: the suggestions for the customer's latest turns, best first,
/// and a drafted reply when an AI service wrote one (else <see cref="DraftUnavailable"/> says why).
/// </summary>
/// <param name="BasedOn">The timeline events (the customer's latest messages) the suggestions answer.</param>
internal sealed record AssistResponse(
    Guid ConversationId, IReadOnlyList<Guid> BasedOn, IReadOnlyList<ArticleSuggestion> Articles, IReadOnlyList<ReplySuggestion> Replies,
    DraftSuggestion? Draft, string? DraftUnavailable);

/// <param name="Why">In words: how it matched the customer's words.</param>
internal sealed record ArticleSuggestion(Guid Id, string Kind, string Title, string Body, string Language, IReadOnlyList<string> Tags, double Score, string Why);

internal sealed record ReplySuggestion(Guid Id, string Kind, string Text, double Score, string Why);

/// <param name="Id">Names this draft when its use is recorded.</param>
/// <param name="Sources">The suggestions it used, <c>{kind}:{id}</c>.</param>
/// <param name="Method"><c>ai ({Provider}: {Deployment})</c>.</param>
internal sealed record DraftSuggestion(Guid Id, string Kind, string Text, IReadOnlyList<string> Sources, string Method);
