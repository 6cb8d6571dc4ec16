using Microsoft.Extensions.Options;

namespace Connector.Worker.Push;

/// <summary>Keeps the journal bounded: deletes what is past its retention, and acknowledged messages sooner.</summary>
internal sealed class PushJournalPruner(PushJournal journal, IOptions<PushOptions> options, TimeProvider time, ILogger<PushJournalPruner> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetUtcNow();
            try
            {
                var pruned = await journal.PruneAsync(now - options.Value.JournalRetention, now - options.Value.AckedRetention, stoppingToken);
                if (pruned > 0)
                {
                    logger.LogDebug("Pruned {Count} push journal rows", pruned);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Pruning is housekeeping: whatever failed, the journal is pruned on a later round.
                logger.LogWarning(ex, "Could not prune the push journal; will try again in {Interval}", Interval);
            }
        }
    }
}
