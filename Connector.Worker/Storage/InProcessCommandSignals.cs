namespace Connector.Worker.Storage;

/// <summary>The embedded mode: the router and every request are in this process.</summary>
internal sealed class InProcessCommandSignals : CommandSignals
{
    public override Task EnqueuedAsync(CancellationToken ct)
    {
        OnEnqueued();
        return Task.CompletedTask;
    }

    public override (string Sql, object Args)? TasksWrittenStatement(IReadOnlyCollection<Guid> taskIds) => null;

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
