using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Configuration;
using Hangfire.Server;

namespace Connector.Worker.Jobs;

/// <summary>What every outbox job does when its work fails: keep the error, and dead-letter it after the last attempt.</summary>
internal static class OutboxFailures
{
    public const int HangfireAttempts = 9;

    public static Task RecordAsync(IOutboxStore outbox, OutboxMessage message, Exception ex, PerformContext? context, OutboxOptions options, DateTimeOffset now)
    {
        var retryCount = context?.GetJobParameter<int>("RetryCount") ?? 0;
        var last = retryCount >= HangfireAttempts || message.Attempts >= options.MaxAttempts;
        // While Hangfire retries, the lease keeps the dispatcher from handing the row out a second time.
        return outbox.FailAsync(message.Id, $"{ex.GetType().Name}: {ex.Message}", last ? null : now + TimeSpan.FromHours(1), CancellationToken.None);
    }
}
