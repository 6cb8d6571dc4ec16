namespace Connector.Worker.Crm;

/// <summary>
/// One find-or-create per customer at a time, across every job and Worker: two jobs that both search, find
/// nothing and create would leave the customer with two CRM contacts.
/// </summary>
internal interface ICustomerCrmLock
{
    /// <returns>The held lock, or null when another job kept it past <paramref name="timeout"/>.</returns>
    Task<IAsyncDisposable?> TryAcquireAsync(Guid customerId, TimeSpan timeout, CancellationToken ct);
}
