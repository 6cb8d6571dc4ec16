using Connector.Core.Crm;
using Connector.Core.Storage;
using Connector.Worker.Outbox;
using Connector.Worker.Storage;
using Connector.Worker.Telemetry;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Crm;

/// <summary>
/// Carries out one outbox row of a CRM kind through its handler in the dispatch table (<see cref="OutboxHandlers"/>):
/// <c>contact.sync</c> (<see cref="CrmContactSync"/>), <c>interaction.sync</c> (<see cref="CrmInteractionSync"/>),
/// <c>crm.attach</c> (<see cref="CrmAttachmentSync"/>).
/// Runs at least once per row: a replay of a finished row does nothing, and every CRM write is keyed so that a
/// replay mid-way writes nothing twice. A failure is retried by <see cref="CrmRetryFilter"/> at the time
/// <see cref="CrmRetryPlan"/> chose (the job stays on the dashboard as scheduled, with the CRM's error); after the
/// last attempt it stays failed (dead-lettered) and "Requeue" on the dashboard runs it again with fresh attempts.
/// </summary>
public sealed class CrmSyncJob(
    IOutboxStore outbox,
    IServiceProvider scope,
    IOptions<CrmSyncOptions> crmOptions,
    IOptions<OutboxOptions> outboxOptions,
    TimeProvider time,
    ILogger<CrmSyncJob> logger)
{
    /// <summary>Job parameter: when to run again after this failure (absent or null: dead-lettered).</summary>
    public const string RetryAtParameter = "CrmRetryAt";

    /// <summary>Job parameter: failures so far that count against <see cref="CrmSyncOptions.MaxAttempts"/>.</summary>
    public const string FailuresParameter = "CrmFailures";

    public static void Enqueue(IBackgroundJobClient jobs, long outboxId) =>
        jobs.Enqueue<CrmSyncJob>(job => job.RunAsync(outboxId, null, CancellationToken.None));

    // Hangfire's own retries are off: CrmRetryFilter retries on the CRM's terms.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("CRM sync of outbox row {0}")]
    public async Task RunAsync(long outboxId, PerformContext? context, CancellationToken ct)
    {
        var message = await outbox.StartAttemptAsync(outboxId, time.GetUtcNow(), outboxOptions.Value.Lease, ct);
        if (message is null)
        {
            logger.LogInformation("Outbox row {OutboxId} is already done; nothing to sync", outboxId);
            return;
        }

        if (scope.GetService<CrmAdapterDescriptor>() is null)
        {
            // Queued by a Worker that had a CRM adapter (Crm:Provider changed to None since): nothing here can write
            // it, and completing it would lose it. It waits, with the reason shown, for a Worker with an adapter.
            var retryAt = time.GetUtcNow() + OutboxHandlers.UnhandledRetryDelay;
            await outbox.FailAsync(message.Id, "no CRM adapter is configured on this Worker (Crm:Provider=None)", retryAt, ct);
            logger.LogWarning("Outbox row {OutboxId} ({Kind}) waits until {RetryAt:u}: no CRM adapter is configured", message.Id, message.Kind, retryAt);
            return;
        }

        // A span of the trace the row was written under (the message's): the adapter's CRM HTTP calls nest in it.
        using var span = ConnectorTracing.StartFrom("crm.sync", message.TraceParent);
        span?.SetTag("connector.outbox.id", message.Id);
        span?.SetTag("connector.outbox.kind", message.Kind);
        var gate = scope.GetRequiredService<CrmThrottleGate>();
        var syncStore = scope.GetRequiredService<SqlCrmSyncStore>();
        var taken = false;
        try
        {
            if (gate.ClosedUntil is { } closed)
            {
                throw new CrmWaitException(closed, $"the CRM's limit holds work back until {closed:u}");
            }

            var now = time.GetUtcNow();
            taken = await syncStore.TryTakeAsync(message.Id, now, now + outboxOptions.Value.Lease, ct);
            if (!taken)
            {
                throw new CrmWaitException(now + crmOptions.Value.RetryDelay, "another job is writing this row in its batch");
            }

            await OutboxHandlers.Resolve(scope, message.Kind).HandleAsync(message, ct);
            gate.Succeeded();

            await outbox.CompleteAsync(message.Id, time.GetUtcNow(), ct);
            scope.GetService<Telemetry.ConnectorMetrics>()?.CrmSynced(message.Kind, time.GetUtcNow() - message.CreatedAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            span.Failed(ex);
            var options = crmOptions.Value;
            DateTimeOffset? throttledUntil = ex is CrmRequestFailedException { Throttled: true } limit ? gate.Throttled(limit, options) : null;
            if (ex is CrmRequestFailedException { Throttled: true } signal)
            {
                scope.GetService<Telemetry.ConnectorMetrics>()?.CrmLimitSignal(signal.Crm);
            }
            var failures = context?.GetJobParameter<int>(FailuresParameter) ?? 0;
            var decision = CrmRetryPlan.Decide(ex, failures, throttledUntil, options, time.GetUtcNow());
            var error = $"{ex.GetType().Name}: {ex.Message}";
            if (decision.RetryAt is { } retryAt)
            {
                await syncStore.DeferAsync(message.Id, error, retryAt, retryAt + outboxOptions.Value.Lease, CancellationToken.None);
                context?.SetJobParameter(FailuresParameter, decision.CountsAsAttempt ? failures + 1 : failures);
                context?.SetJobParameter(RetryAtParameter, retryAt);
                logger.LogWarning("Outbox row {OutboxId} ({Kind}) waits until {RetryAt:u}: {Reason}; {Error}", message.Id, message.Kind, retryAt, decision.Reason, error);
            }
            else
            {
                await outbox.FailAsync(message.Id, error, null, CancellationToken.None);
                scope.GetService<Telemetry.ConnectorMetrics>()?.DeadLetter(message.Kind);
                // A requeue from the dashboard starts over with fresh attempts.
                context?.SetJobParameter(FailuresParameter, 0);
                context?.SetJobParameter(RetryAtParameter, null);
                logger.LogError("Outbox row {OutboxId} ({Kind}) is dead-lettered: {Reason}; {Error}", message.Id, message.Kind, decision.Reason, error);
            }

            throw;
        }
        finally
        {
            if (taken)
            {
                await syncStore.ReleaseAsync(message.Id, CancellationToken.None);
            }
        }
    }
}
