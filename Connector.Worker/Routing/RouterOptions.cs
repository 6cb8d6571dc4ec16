namespace Connector.Worker.Routing;

/// <summary>Configuration section <c>Router</c>.</summary>
public sealed class RouterOptions
{
    public const string Section = "Router";

    /// <summary>
    /// How often the deciding Worker looks when nothing woke it: fires time-outs, and is the safety net for a signal
    /// lost on the way. New work and agents' actions wake it at once.
    /// </summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How often the router also reads every task changed lately (its change feed), besides the tasks the signals
    /// named: the safety net for work written without a signal, or by a Worker whose clock lags.
    /// </summary>
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The least time between the starts of two cycles: what is written meanwhile waits for the next one, so a burst
    /// of messages makes one cycle (one read, one transaction) rather than one each.
    /// </summary>
    public TimeSpan CycleSpacing { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How many times deciding one task may fail (within ten minutes) before it is quarantined.</summary>
    public int QuarantineAfterFailures { get; set; } = 3;
}
