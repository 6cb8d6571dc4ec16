namespace Connector.Core.Customers;

/// <summary>The audit entry of one customer merged into an older one.</summary>
public sealed record CustomerMerge(
    Guid Id,
    Guid MergedCustomerId,
    Guid IntoCustomerId,
    string? EventId,
    string Reason,
    DateTimeOffset At);
