namespace Connector.Ai.Assist;

/// <summary>With <c>Ai:Provider=None</c>: no draft, and the reason, without touching the network.</summary>
public sealed class NoAiAssistDrafter : IAssistDrafter
{
    public const string Reason = "no AI service (Ai:Provider is None)";

    public Task<AssistDraft> DraftAsync(IReadOnlyList<AssistTurn> lastMessages, IReadOnlyList<AssistSource> sources, CancellationToken ct) =>
        Task.FromResult(AssistDraft.None(Reason));
}
