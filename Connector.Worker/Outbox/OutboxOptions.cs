namespace Connector.Worker.Outbox;

/// <summary>Configuration section <c>Outbox</c>: how CRM work moves from the outbox into Hangfire.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Whether this Worker hands outbox rows to Hangfire at all (false on a read-only or intake-only Worker).</summary>
    public bool DispatchEnabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a handed-out row is left alone before it is handed out again (its job was lost).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 100;

    /// <summary>Attempts before a row is dead-lettered (failed on the dashboard, re-runnable from there).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// Hangfire workers for the default queue (chat joins, calls' added lines, replies, CRM calls); null: twice the cores,
    /// at least 4. Each job mostly waits on an outside service, so a centre with a slow CRM may want more.
    /// </summary>
    public int? Workers { get; set; }

    /// <summary>The default queue's workers as configured, or the default.</summary>
    public int WorkersOrDefault => Workers ?? Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>
    /// How many rows that run at once (agents' joins, the bot's answers) this Worker runs side by side; null: 16. Each
    /// mostly waits on ACS, so they take little CPU; a row beyond them waits for the next free one.
    /// </summary>
    public int? ExpressWorkers { get; set; }

    /// <summary>The express lane's workers as configured, or the default.</summary>
    public int ExpressWorkersOrDefault => ExpressWorkers ?? 16;
}
