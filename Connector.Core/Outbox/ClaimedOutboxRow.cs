namespace Connector.Core.Outbox;

/// <summary>An outbox row handed out to a job: its id, and its kind, which decides the job.</summary>
public sealed record ClaimedOutboxRow(long Id, string Kind)
{
    /// <summary>The W3C <c>traceparent</c> the row was written under, so that its dispatch continues that trace.</summary>
    public string? TraceParent { get; init; }
}
