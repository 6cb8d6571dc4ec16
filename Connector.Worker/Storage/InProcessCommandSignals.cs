using System.Data.Common;

namespace Connector.Worker.Storage;

/// <summary>The embedded mode: the router and every request are in this process.</summary>
internal sealed class InProcessCommandSignals : CommandSignals
{
    public override Task EnqueuedAsync(CancellationToken ct)
    {
        OnEnqueued();
        return Task.CompletedTask;
    }

    public override Task<Func<Task>> TasksWrittenAsync(DbConnection connection, DbTransaction tx, IReadOnlyCollection<Guid> taskIds, CancellationToken ct) =>
        Task.FromResult<Func<Task>>(() => TasksWrittenAsync(taskIds, ct));

    public override Task TasksWrittenAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct)
    {
        OnTasksWritten(taskIds);
        return Task.CompletedTask;
    }

    public override Task CompletedAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        OnCompleted(ids);
        return Task.CompletedTask;
    }
}
