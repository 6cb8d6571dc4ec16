namespace Connector.Worker.Hosting;

/// <summary>
/// How long a background loop waits after an unexpected failure before it tries again: <c>first</c>, then double,
/// up to <c>cap</c>; a success starts over. A persistent cause (a bug, a broken row) then costs a log line now and
/// then instead of a hot loop, and a passing one is retried at once.
/// </summary>
internal sealed class FailureBackoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _cap;
    private TimeSpan _next;

    public FailureBackoff(TimeSpan first, TimeSpan cap)
    {
        _first = first;
        _cap = cap;
        _next = first;
    }

    /// <summary>The loops' default: 1 s, 2 s, 4 s … at most a minute.</summary>
    public static FailureBackoff Default() => new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_cap.Ticks, _next.Ticks * 2));
        return delay;
    }

    public void Reset() => _next = _first;

    /// <summary>Waits the next delay; false when the host is stopping meanwhile (the loop then ends).</summary>
    public async Task<bool> WaitAsync(TimeProvider time, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Next(), time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
