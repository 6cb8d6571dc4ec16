namespace Connector.Ai.Assist;

/// <summary>Drafts the agent's next reply from the conversation's last messages and the suggestions found for it.</summary>
public interface IAssistDrafter
{
    Task<AssistDraft> DraftAsync(IReadOnlyList<AssistTurn> lastMessages, IReadOnlyList<AssistSource> sources, CancellationToken ct);
}
