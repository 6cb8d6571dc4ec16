using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Telemetry;
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
    /// <summary>
    /// The Hangfire queue of the analyses (insight, QA): CPU-bound work on the local model that a flood of wrap-ups
    /// asks for by the thousand. Its own few workers take it, so that it never holds the workers that join agents to
    /// chats and call the CRM (<see cref="Hosting.JobsServiceCollectionExtensions"/>).
    /// </summary>
    public const string AnalysisQueue = "analysis";

    public static void Enqueue(IBackgroundJobClient jobs, long outboxId) =>
        jobs.Enqueue<OutboxJob>(job => job.RunAsync(outboxId, null, CancellationToken.None));

    /// <summary>Queues the row's job on <see cref="AnalysisQueue"/>; its retries stay there.</summary>
    public static void EnqueueAnalysis(IBackgroundJobClient jobs, long outboxId) =>
        jobs.Enqueue<OutboxJob>(AnalysisQueue, job => job.RunAsync(outboxId, null, CancellationToken.None));

    [AutomaticRetry(Attempts = OutboxAttempt.HangfireAttempts, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Outbox row {0}")]
    public Task RunAsync(long outboxId, PerformContext? context, CancellationToken ct) =>
        OutboxAttempt.RunAsync(outbox, outboxId, context, options.Value, time, HandleAsync, ct, scope.GetService<ConnectorMetrics>());

    /// <summary>
    /// The express lane's attempt (<see cref="OutboxExpressLane"/>): the same frame without Hangfire. A failure is
    /// kept on the row and thrown; the lane then queues <see cref="RunAsync"/> for the retries.
    /// </summary>
    internal Task<bool> RunNowAsync(long outboxId, CancellationToken ct) =>
        OutboxAttempt.RunAsync(outbox, outboxId, null, options.Value, time, HandleAsync, ct, scope.GetService<ConnectorMetrics>());

    // A span of the trace the row was written under: the channel's ACS calls (a chat join, a call's added line) nest in it.
    private async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        using var span = ConnectorTracing.StartFrom("outbox.job", message.TraceParent);
        span?.SetTag("connector.outbox.id", message.Id);
        span?.SetTag("connector.outbox.kind", message.Kind);
        try
        {
            await OutboxHandlers.Resolve(scope, message.Kind).HandleAsync(message, ct);
        }
        catch (Exception ex)
        {
            span.Failed(ex);
            throw;
        }
    }
}
