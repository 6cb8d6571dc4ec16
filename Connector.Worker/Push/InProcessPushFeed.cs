namespace Connector.Worker.Push;

/// <summary>The embedded mode: one Worker, so the entries go straight to its connections.</summary>
internal sealed class InProcessPushFeed : IPushFeed
{
    private Action<IReadOnlyList<PushEntry>>? _received;

    public Task PublishAsync(IReadOnlyList<PushEntry> entries)
    {
        _received?.Invoke(entries);
        return Task.CompletedTask;
    }

    public void Subscribe(Action<IReadOnlyList<PushEntry>> received, Action missed) => _received = received;

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
}
