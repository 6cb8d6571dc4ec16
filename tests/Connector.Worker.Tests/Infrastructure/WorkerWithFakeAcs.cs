using Connector.Worker.Tests.Fakes.Acs;

namespace Connector.Worker.Tests.Infrastructure;

/// <summary>A fake ACS on loopback and a Worker process whose <c>Acs:ConnectionString</c> points at it.</summary>
public sealed class WorkerWithFakeAcs : IAsyncDisposable
{
    private WorkerWithFakeAcs(FakeAcsServer acs, WorkerProcess worker)
    {
        Acs = acs;
        Worker = worker;
    }

    public FakeAcsServer Acs { get; }
    public WorkerProcess Worker { get; }

    public static async Task<WorkerWithFakeAcs> StartAsync(IDictionary<string, string?> settings, CancellationToken ct)
    {
        var acs = await FakeAcsServer.StartAsync(cancellationToken: ct);
        var worker = WorkerProcess.Start(new Dictionary<string, string?>(settings) { ["Acs__ConnectionString"] = acs.ConnectionString });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        return new WorkerWithFakeAcs(acs, worker);
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Acs.DisposeAsync();
    }
}
