namespace Connector.Worker.Routing;

/// <summary>Deciding one task failed (taking it into the engine, routing it, or saving its change): the router counts it against that task.</summary>
internal sealed class RoutingTaskFailedException(Guid taskId, Exception inner)
    : Exception($"Routing task {taskId} failed: {inner.GetType().Name}: {inner.Message}", inner)
{
    public Guid TaskId { get; } = taskId;
}
