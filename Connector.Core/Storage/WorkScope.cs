namespace Connector.Core.Storage;

/// <summary>
/// Whose work a reader may see, as the store filters it: the tasks given to <paramref name="AgentId"/> and those of
/// <paramref name="Queues"/>; null queues mean every task (an admin).
/// </summary>
public sealed record WorkScope(string? AgentId, IReadOnlyCollection<string>? Queues)
{
    public static readonly WorkScope Everything = new(null, null);
}
