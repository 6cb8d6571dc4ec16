namespace Connector.Worker.Storage;

/// <summary>The embedded mode: the router and every request are in this process.</summary>
internal sealed class InProcessCommandSignals : CommandSignals
{
    public override string? EnqueuedStatement => null;

    public override (string Sql, object Args)? TasksWrittenStatement(IReadOnlyCollection<Guid> taskIds) => null;

    public override Task TasksWrittenAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct)
    {
        OnTasksWritten(taskIds);
        return Task.CompletedTask;
    }

    public override (string Sql, object Args)? CompletedStatement(IReadOnlyCollection<long> ids) => null;
}
