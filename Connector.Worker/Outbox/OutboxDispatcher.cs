using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Hosting;
using Connector.Worker.Telemetry;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Outbox;

/// <summary>
/// Hands due outbox rows to Hangfire, one job per row, queued as the dispatch table (<see cref="OutboxHandlers"/>) says;
/// the kinds that run at once go to this process's <see cref="OutboxExpressLane"/> instead. The outbox is the record of
/// work: if Hangfire's storage loses a job (the embedded in-memory storage after a crash), the row's lease runs out and
/// it is handed out again. It looks every poll interval, and at once when woken for a row that runs at once.
/// </summary>
internal sealed class OutboxDispatcher(
    IOutboxStore outbox,
    IBackgroundJobClient jobs,
    OutboxHandlers handlers,
    IOptions<OutboxOptions> options,
    JobStoragePlan jobStorage,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger,
    OutboxWake? wake = null,
    OutboxExpressLane? expressLane = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatchEnabled)
        {
            logger.LogWarning("Outbox dispatch is off (Outbox:DispatchEnabled=false): CRM work is kept but not carried out by this Worker");
            return;
        }

        var backoff = FailureBackoff.Default();
        var leasesReleased = jobStorage.SurvivesRestart;
        var next = wake ?? new OutboxWake();
        do
        {
            try
            {
                if (!leasesReleased)
                {
                    // Hangfire kept its jobs in memory, so the leases of the last run guard nothing.
                    var released = await outbox.ReleaseLeasesAsync(stoppingToken);
                    leasesReleased = true;
                    if (released > 0)
                    {
                        logger.LogInformation("Released {Count} outbox leases left by the previous run", released);
                    }
                }

                await DispatchDueAsync(settings, stoppingToken);
                backoff.Reset();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The rows stay in the outbox; whatever failed (the store, Hangfire's storage, a bug), the next round
                // tries again, later each time while it keeps failing.
                var delay = backoff.Next();
                logger.LogError(ex, "Outbox dispatch failed; retrying in {Delay}", delay > settings.PollInterval ? delay : settings.PollInterval);
                if (delay > settings.PollInterval && !await Pause(delay - settings.PollInterval, stoppingToken))
                {
                    return;
                }
            }
        }
        while (await next.WaitAsync(settings.PollInterval, time, stoppingToken));
    }

    private async Task<bool> Pause(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task DispatchDueAsync(OutboxOptions settings, CancellationToken ct)
    {
        IReadOnlyList<ClaimedOutboxRow> ids;
        do
        {
            ids = await outbox.ClaimDueAsync(time.GetUtcNow(), settings.Lease, settings.BatchSize, ct);
            foreach (var row in ids)
            {
                var (id, kind) = row;
                if (handlers.Find(kind) is { } route)
                {
                    Enqueue(route, row);
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
                logger.LogInformation("Handed out {Count} outbox rows", ids.Count);
            }
        }
        while (ids.Count == settings.BatchSize && !ct.IsCancellationRequested);
    }

    // The hand-over is a span of the trace the row was written under (the message's), when it has one.
    private void Enqueue(OutboxRoute route, ClaimedOutboxRow row)
    {
        using var span = ConnectorTracing.StartFrom("outbox.dispatch", row.TraceParent);
        span?.SetTag("connector.outbox.id", row.Id);
        span?.SetTag("connector.outbox.kind", row.Kind);
        if (route.RunsAtOnce && expressLane is not null)
        {
            expressLane.Post(row);
        }
        else
        {
            route.Enqueue(jobs, row.Id);
        }
    }
}
