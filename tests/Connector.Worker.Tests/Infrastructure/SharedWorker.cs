namespace Connector.Worker.Tests.Infrastructure;

/// <summary>One embedded-store Worker (default region GB) shared by the tests of a class.</summary>
public sealed class SharedWorker : IAsyncLifetime
{
    public WorkerProcess Worker { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Identity__DefaultRegion"] = "GB" });
        await Worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
    }

    public ValueTask DisposeAsync() => Worker.DisposeAsync();
}
