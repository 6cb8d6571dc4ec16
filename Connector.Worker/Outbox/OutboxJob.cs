using Connector.Core.Storage;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Outbox;

/// <summary>
/// Runs one outbox row through its kind's <see cref="IOutboxHandler"/> inside <see cref="OutboxAttempt"/>: Hangfire
/// retries a failure, the row is dead-lettered after the last attempt. CRM work has a job of its own with the CRM's
/// retry rules (<see cref="Crm.CrmSyncJob"/>).
/// </summary>
public sealed class OutboxJob(IOutboxStore outbox, IServiceProvider scope, IOptions<OutboxOptions> options, TimeProvider time)
{
    public static void Enqueue(IBackgroundJobClient jobs, long outboxId) =>
        jobs.Enqueue<OutboxJob>(job => job.RunAsync(outboxId, null, CancellationToken.None));

    [AutomaticRetry(Attempts = OutboxAttempt.HangfireAttempts, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Outbox row {0}")]
    public Task RunAsync(long outboxId, PerformContext? context, CancellationToken ct) =>
        OutboxAttempt.RunAsync(outbox, outboxId, context, options.Value, time,
            (message, token) => OutboxHandlers.Resolve(scope, message.Kind).HandleAsync(message, token), ct);
}
