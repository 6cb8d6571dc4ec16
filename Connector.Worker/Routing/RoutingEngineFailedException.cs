namespace Connector.Worker.Routing;

/// <summary>
/// The engine threw while routing everything it holds, so which task caused it is not known: the next session is
/// rebuilt task by task to find out (<see cref="RouterSession.RebuildAsync"/> with <c>isolate</c>).
/// </summary>
internal sealed class RoutingEngineFailedException(Exception inner)
    : Exception($"The routing engine failed: {inner.GetType().Name}: {inner.Message}", inner);
