using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Outbox;

/// <summary>
/// Hands due outbox rows to Hangfire, one job per row, queued as the dispatch table (<see cref="OutboxHandlers"/>) says. The outbox is the record of work: if Hangfire's storage
/// loses a job (the embedded in-memory storage after a crash), the row's lease runs out and it is handed out again.
/// </summary>
internal sealed class OutboxDispatcher(
    IOutboxStore outbox,
    IBackgroundJobClient jobs,
    OutboxHandlers handlers,
    IOptions<OutboxOptions> options,
    JobStoragePlan jobStorage,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatchEnabled)
        {
            logger.LogWarning("Outbox dispatch is off (Outbox:DispatchEnabled=false): CRM work is kept but not carried out by this Worker");
            return;
        }

        if (!jobStorage.SurvivesRestart)
        {
            // Hangfire kept its jobs in memory, so the leases of the last run guard nothing.
            var released = await outbox.ReleaseLeasesAsync(stoppingToken);
            if (released > 0)
            {
                logger.LogInformation("Released {Count} outbox leases left by the previous run", released);
            }
        }

        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            try
            {
                await DispatchDueAsync(settings, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The rows stay in the outbox; the next tick tries again.
                logger.LogError(ex, "Outbox dispatch failed; retrying in {Interval}", settings.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task DispatchDueAsync(OutboxOptions settings, CancellationToken ct)
    {
        IReadOnlyList<ClaimedOutboxRow> ids;
        do
        {
            ids = await outbox.ClaimDueAsync(time.GetUtcNow(), settings.Lease, settings.BatchSize, ct);
            foreach (var (id, kind) in ids)
            {
                if (handlers.Find(kind) is { } route)
                {
                    route.Enqueue(jobs, id);
                }
                else
                {
                    // Written by a Worker configured otherwise (a CRM adapter since removed) or another version:
                    // kept, with the reason shown, for a Worker that handles it.
                    var retryAt = time.GetUtcNow() + OutboxHandlers.UnhandledRetryDelay;
                    await outbox.FailAsync(id, new OutboxKindUnknownException(kind).Message, retryAt, ct);
                    logger.LogWarning("Outbox row {OutboxId} waits until {RetryAt:u}: this Worker has no handler for its kind {Kind}", id, retryAt, kind);
                }
            }

            if (ids.Count > 0)
            {
                logger.LogInformation("Handed {Count} outbox rows to Hangfire", ids.Count);
            }
        }
        while (ids.Count == settings.BatchSize && !ct.IsCancellationRequested);
    }
}
