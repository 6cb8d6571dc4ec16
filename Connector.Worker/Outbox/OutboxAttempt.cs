using Connector.Core.Outbox;
using Connector.Core.Storage;
using Hangfire.Server;

namespace Connector.Worker.Outbox;

/// <summary>
/// The frame of every outbox job: count the attempt (a finished row is not done again), do the work, complete the
/// row; on failure keep the error, leased while Hangfire retries, dead-lettered after the last attempt.
/// </summary>
internal static class OutboxAttempt
{
    public const int HangfireAttempts = 9;

    /// <returns>False when the row was already done (a replayed job).</returns>
    public static async Task<bool> RunAsync(
        IOutboxStore outbox, long outboxId, PerformContext? context, OutboxOptions options, TimeProvider time,
        Func<OutboxMessage, CancellationToken, Task> work, CancellationToken ct, Telemetry.ConnectorMetrics? metrics = null)
    {
        var message = await outbox.StartAttemptAsync(outboxId, time.GetUtcNow(), options.Lease, ct);
        if (message is null)
        {
            return false;
        }

        try
        {
            await work(message, ct);
            await outbox.CompleteAsync(message.Id, time.GetUtcNow(), ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var retryCount = context?.GetJobParameter<int>("RetryCount") ?? 0;
            var last = retryCount >= HangfireAttempts || message.Attempts >= options.MaxAttempts;
            // While Hangfire retries, the lease keeps the dispatcher from handing the row out a second time.
            await outbox.FailAsync(message.Id, $"{ex.GetType().Name}: {ex.Message}", last ? null : time.GetUtcNow() + TimeSpan.FromHours(1), CancellationToken.None);
            if (last)
            {
                metrics?.DeadLetter(message.Kind);
            }

            throw;
        }
    }
}
