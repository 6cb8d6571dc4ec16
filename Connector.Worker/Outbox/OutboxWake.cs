using System.Threading.Channels;

namespace Connector.Worker.Outbox;

/// <summary>
/// Wakes this Worker's outbox dispatcher when a row someone waits for was committed here, instead of at its next poll.
/// A pulse while the dispatcher is busy is kept (one is enough: a round claims every due row), so none is lost
/// between a round and the next wait.
/// </summary>
public sealed class OutboxWake
{
    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => _pulses.Writer.TryWrite(true);

    /// <summary>Returns when pulsed or after <paramref name="max"/>: true either way, false when <paramref name="ct"/> is cancelled.</summary>
    public async Task<bool> WaitAsync(TimeSpan max, TimeProvider time, CancellationToken ct)
    {
        if (_pulses.Reader.TryRead(out _))
        {
            return true;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pulsed = _pulses.Reader.WaitToReadAsync(stop.Token).AsTask();
        var elapsed = Task.Delay(max, time, stop.Token);
        await Task.WhenAny(pulsed, elapsed);
        await stop.CancelAsync();
        _pulses.Reader.TryRead(out _);
        return !ct.IsCancellationRequested;
    }
}
