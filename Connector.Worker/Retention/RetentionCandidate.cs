namespace Connector.Worker.Retention;

/// <summary>One row a sweep found older than the shortest period of its kind: due or not, held or not, decided next.</summary>
internal sealed class RetentionCandidate
{
    /// <summary>The row's key as text (the keyset paging goes on from the last one).</summary>
    public string Key { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? CustomerId { get; set; }

    /// <summary>A file under the data directory that goes with the row, if any.</summary>
    public string? Path { get; set; }

    /// <summary>For recordings: ACS's delete location while ACS still keeps its copy.</summary>
    public string? DeleteLocation { get; set; }

    /// <summary>For raw events: the body, to tell whether it names a customer on legal hold.</summary>
    public string? Body { get; set; }
}
