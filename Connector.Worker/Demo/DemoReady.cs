namespace Connector.Worker.Demo;

/// <summary>Completed once the demo people exist: the customers wait for it, so no one writes to an empty contact centre.</summary>
internal sealed class DemoReady
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WhenReady => _ready.Task;

    public void Set() => _ready.TrySetResult();
}
