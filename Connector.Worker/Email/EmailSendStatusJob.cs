using Connector.Core.Conversations;
using Connector.Core.Storage;
using Connector.Worker.Acs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Email;

/// <summary>
/// Follows an email reply's ACS send operation (REST spec Email/stable/2023-03-31 in Azure/azure-rest-api-specs)
/// until it ends, waiting as ACS's <c>retry-after</c> asks,
/// and moves the reply's delivery status: Succeeded (accepted for delivery) to sent, Failed or Canceled to failed.
/// The delivery itself is reported later by Event Grid (EmailDeliveryReportReceived → delivered or failed). Statuses
/// only move forward, so a report that came first is never undone.
/// </summary>
internal sealed class EmailSendStatusJob(
    AcsEmailClient email,
    IConnectorStore store,
    EmailTimelineStore timeline,
    IBackgroundJobClient jobs,
    IOptions<AcsOptions> options,
    TimeProvider time,
    ILogger<EmailSendStatusJob> logger)
{
    // One run polls for at most this long, then hands over to a scheduled run, so no Hangfire worker is held for long.
    private static readonly TimeSpan RunBudget = TimeSpan.FromMinutes(1);

    /// <summary>Starts following an operation right away.</summary>
    public static void Start(IBackgroundJobClient jobs, string operationId)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        jobs.Enqueue<EmailSendStatusJob>(job => job.RunAsync(operationId, CancellationToken.None));
    }

    /// <summary>Retried on errors (ACS unreachable, throttled beyond the client's own retries); a replay only polls again.</summary>
    [AutomaticRetry(Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Email send status of operation {0}")]
    public async Task RunAsync(string operationId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);
        var settings = options.Value.Email;
        var runEnds = time.GetUtcNow() + RunBudget;
        while (true)
        {
            AcsEmailOperation operation;
            try
            {
                operation = await email.GetOperationAsync(operationId, ct);
            }
            catch (AcsRequestFailedException ex) when (!ex.IsTransient)
            {
                // Unknown operation, bad key: polling again cannot help. The reply keeps its state; a delivery report may still come.
                logger.LogError("Email operation {OperationId}: ACS refused the status request ({Status} {ErrorCode}); no longer polled",
                    operationId, (int)ex.StatusCode, ex.ErrorCode);
                return;
            }

            if (operation.IsTerminal)
            {
                await SettleAsync(operationId, operation.IsSucceeded ? DeliveryStatuses.Sent : DeliveryStatuses.Failed, operation, ct);
                return;
            }

            var sentAt = await timeline.FindSentAtAsync(operationId, ct);
            if (sentAt is { } at && time.GetUtcNow() - at > settings.SendStatusTimeout)
            {
                logger.LogWarning("Email operation {OperationId} still {Status} {Timeout} after it was queued; the reply is marked failed",
                    operationId, operation.Status, settings.SendStatusTimeout);
                await SettleAsync(operationId, DeliveryStatuses.Failed, operation, ct);
                return;
            }

            var wait = operation.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : settings.DefaultPollInterval;
            if (time.GetUtcNow() + wait > runEnds)
            {
                jobs.Schedule<EmailSendStatusJob>(job => job.RunAsync(operationId, CancellationToken.None), wait);
                return;
            }

            await Task.Delay(wait, time, ct);
        }
    }

    private async Task SettleAsync(string operationId, string status, AcsEmailOperation operation, CancellationToken ct)
    {
        if (await store.UpdateDeliveryStatusAsync(operationId, status, ct))
        {
            logger.LogInformation("Email operation {OperationId} ended {AcsStatus} ({ErrorCode}): reply {Status}",
                operationId, operation.Status, operation.ErrorCode ?? "no error", status);
        }
        else
        {
            logger.LogWarning("Email operation {OperationId} ended {AcsStatus}, but no reply on any timeline has that id", operationId, operation.Status);
        }
    }
}
