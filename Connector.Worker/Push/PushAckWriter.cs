using Microsoft.Extensions.Options;

namespace Connector.Worker.Push;

/// <summary>Writes the gathered acknowledgements (<see cref="PushAcks"/>) in one statement per interval, and once more on stop.</summary>
internal sealed class PushAckWriter(PushAcks acks, PushJournal journal, IOptions<PushOptions> options, TimeProvider time, ILogger<PushAckWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AckWriteInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last write below.
        }

        // The acknowledgements of the last interval: without this write their messages would wait for the journal's
        // retention instead of the acknowledged one.
        await WriteAsync(CancellationToken.None);
    }

    internal async Task WriteAsync(CancellationToken ct)
    {
        var taken = acks.Take();
        if (taken.Count == 0)
        {
            return;
        }

        try
        {
            await journal.AckAsync(taken, ct);
        }
        catch (Exception ex)
        {
            // Not lost: they go back and travel with the next write (on stop, the last one).
            acks.Restore(taken);
            if (ex is OperationCanceledException && ct.IsCancellationRequested)
            {
                throw;
            }

            logger.LogWarning(ex, "Could not write {Count} push acknowledgements; they go with the next write", taken.Count);
        }
    }
}
