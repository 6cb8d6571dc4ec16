namespace Connector.Core.Customers;

/// <summary>
/// An event linked two customers that carry different records of the same CRM; they were kept apart and
/// this is the record of it, for a person to decide.
/// </summary>
public sealed record IdentityConflict(
    Guid Id,
    Guid CustomerId,
    Guid OtherCustomerId,
    string Crm,
    string? EventId,
    string Detail,
    DateTimeOffset At);
