namespace Connector.Core.Outbox;

/// <summary>The payload of an <see cref="OutboxKind.InteractionSync"/> row: what the agent said at wrap-up.</summary>
/// <param name="Channel">The task's channel wire name (<c>voice</c>, <c>chat</c>, <c>whatsapp</c>, <c>email</c>).</param>
/// <param name="Notes">The agent's notes, already redacted.</param>
public sealed record InteractionSyncPayload(Guid TaskId, string AgentId, string Channel, string? Disposition, string? Notes, DateTimeOffset WrappedUpAt)
{
    /// <summary>The row's idempotency key, which is also the CRM activity's: one interaction per task.</summary>
    public static string KeyFor(Guid conversationId, Guid taskId) => $"{conversationId}:interaction:{taskId}";

    /// <summary>The key of the task's <see cref="OutboxKind.QaEvaluate"/> row: one evaluation run per task.</summary>
    public static string QaKeyFor(Guid conversationId, Guid taskId) => $"{conversationId}:qa:{taskId}";

    /// <summary>The key of the task's <see cref="OutboxKind.InsightAnalyse"/> row: one analysis per task.</summary>
    public static string InsightKeyFor(Guid conversationId, Guid taskId) => $"{conversationId}:insight:{taskId}";
}
