using Connector.Core.Storage;
using Connector.Worker.Configuration;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Jobs;

/// <summary>
/// Carries out one outbox row against the configured CRM. Runs at least once per row: a replay of a finished
/// row does nothing, and every CRM write is keyed so that a replay mid-way writes nothing twice.
/// </summary>
public sealed class CrmSyncJob(
    IOutboxStore outbox,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<CrmSyncJob> logger)
{
    [AutomaticRetry(Attempts = OutboxAttempt.HangfireAttempts, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("CRM sync of outbox row {0}")]
    public async Task RunAsync(long outboxId, PerformContext? context, CancellationToken ct)
    {
        var ran = await OutboxAttempt.RunAsync(outbox, outboxId, context, options.Value, time, (message, _) =>
        {
            // Crm:Provider=None: there is no CRM to write to, so the work is complete as soon as it is seen.
            // The CRM adapters plug in here with their own issue.
            logger.LogInformation("Outbox row {OutboxId} ({Kind}) needs no CRM write: no CRM is configured", message.Id, message.Kind);
            return Task.CompletedTask;
        }, ct);
        if (!ran)
        {
            logger.LogInformation("Outbox row {OutboxId} is already done; nothing to sync", outboxId);
        }
    }
}
