namespace Connector.Worker.Kpis;

/// <summary>The columns of <c>routing_tasks</c> the KPIs read.</summary>
internal sealed class KpiTaskRow
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public string Channel { get; set; } = "";
    public string State { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public string? AssignedAgentId { get; set; }
    public string? ExternalRef { get; set; }

    /// <summary>Closed: its last update is when it ended (the router never touches a closed task again).</summary>
    public bool Ended => State is "completed" or "abandoned";

    /// <summary>
    /// Work that came in to be answered. An agent's outbound call opens assigned, with no first assignment by the router
    /// (and so do tasks answered before migration 0026 kept the time): neither has an answer to measure.
    /// </summary>
    public bool Inbound => AssignedAt is not null || State is "queued" or "offered" or "abandoned";

    /// <summary>
    /// Opened by a blind transfer of a call to a queue: the call's task ref then carries <c>#…</c> (CallControls). A
    /// transfer straight to another agent keeps the task, and leaves no row of its own to count.
    /// </summary>
    public bool FromTransfer => ExternalRef?.Contains('#', StringComparison.Ordinal) == true;
}
