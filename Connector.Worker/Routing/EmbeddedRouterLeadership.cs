namespace Connector.Worker.Routing;

/// <summary>On the embedded SQLite store there is one Worker on one machine: it is always the router.</summary>
internal sealed class EmbeddedRouterLeadership : IRouterLeadership
{
    public Task<IRouterLease> AcquireAsync(CancellationToken ct) => Task.FromResult<IRouterLease>(new Lease());

    private sealed class Lease : IRouterLease
    {
        public Task ConfirmAsync(CancellationToken ct) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
