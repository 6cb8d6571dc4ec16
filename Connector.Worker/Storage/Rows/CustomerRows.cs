namespace Connector.Worker.Storage.Rows;

internal sealed class CustomerRow
{
    public Guid Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class IdentityRow
{
    public Guid CustomerId { get; set; }
    public string Kind { get; set; } = "";
    public string Value { get; set; } = "";
}

internal sealed class CrmRefRow
{
    public Guid CustomerId { get; set; }
    public string Crm { get; set; } = "";
    public string RecordId { get; set; } = "";
}

internal sealed class CustomerMergeRow
{
    public Guid Id { get; set; }
    public Guid MergedCustomerId { get; set; }
    public Guid IntoCustomerId { get; set; }
    public string? EventId { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

internal sealed class IdentityConflictRow
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public Guid OtherCustomerId { get; set; }
    public string Crm { get; set; } = "";
    public string? EventId { get; set; }
    public string Detail { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
