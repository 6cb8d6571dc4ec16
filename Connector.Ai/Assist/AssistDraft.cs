namespace Connector.Ai.Assist;

/// <summary>
/// A drafted reply, or why there is none: the embedded path drafts nothing (a reply written without a language model
/// would be one of the suggestions again), so without an AI service, or when its answer is not usable, <see cref="Text"/>
/// is null and <see cref="Reason"/> says why.
/// </summary>
/// <param name="Sources">The suggestions the draft says it used, each one of those it was given (<c>{kind}:{id}</c>).</param>
/// <param name="Method"><c>ai ({Provider}: {Deployment})</c> for a draft; null without one.</param>
public sealed record AssistDraft(string? Text, IReadOnlyList<string> Sources, string? Method, string? Reason)
{
    public static AssistDraft None(string reason) => new(null, [], null, reason);
}
