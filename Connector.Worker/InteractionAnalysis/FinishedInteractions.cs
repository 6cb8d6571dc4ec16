using Connector.Core.Outbox;
using Connector.Core.Qa;
using Connector.Core.Routing;
using Connector.Core.Storage;
using Connector.Worker.Qa;

namespace Connector.Worker.InteractionAnalysis;

/// <summary>
/// The finished task an analysis is about and its part of the conversation as turns (<see cref="QaInteractionReader"/>).
/// Both are read from the store when the job runs, not carried in the row: the row stays small and the timeline is
/// read as it stands once the work ended. A task or conversation missing from the store fails the job, named.
/// </summary>
internal sealed class FinishedInteractions(IConnectorStore store, IRoutingStore routing, QaInteractionReader reader)
{
    /// <param name="analysis">What is being worked out (<c>QA</c>, <c>Insight</c>), for the error.</param>
    public async Task<RoutingTask> TaskAsync(string analysis, InteractionSyncPayload work, CancellationToken ct) =>
        await routing.FindTaskAsync(work.TaskId, ct)
            ?? throw new InvalidOperationException($"{analysis} of task {work.TaskId}: the task is not in the store.");

    public async Task<QaInteraction> ReadAsync(string analysis, Guid conversationId, RoutingTask task, InteractionSyncPayload work, CancellationToken ct)
    {
        var view = await store.GetConversationAsync(conversationId, ct)
            ?? throw new InvalidOperationException($"{analysis} of task {work.TaskId}: conversation {conversationId} is not in the store.");
        return await reader.ReadAsync(view, task, work.WrappedUpAt, ct);
    }
}
