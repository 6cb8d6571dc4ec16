namespace Connector.Worker.Routing;

/// <summary>Only one Worker decides routing at a time; this is how a Worker becomes, and stays, that one.</summary>
internal interface IRouterLeadership
{
    /// <summary>Waits until this Worker holds the router lock; disposing the lease gives it up.</summary>
    Task<IRouterLease> AcquireAsync(CancellationToken ct);
}

internal interface IRouterLease : IAsyncDisposable
{
    /// <summary>Throws when the lock was lost (its connection died): the caller must stop deciding at once.</summary>
    Task ConfirmAsync(CancellationToken ct);
}
