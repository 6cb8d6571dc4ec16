using Hangfire.States;

namespace Connector.Worker.Crm;

/// <summary>
/// Turns a failed <see cref="CrmSyncJob"/> into a scheduled retry at the time the job chose (Retry-After, the CRM's
/// limit, exponential back-off), with the CRM's error as the reason the dashboard shows. Without a retry time the
/// job stays failed: that is the dead letter, re-run with "Requeue".
/// </summary>
internal sealed class CrmRetryFilter : IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed || context.BackgroundJob.Job?.Type != typeof(CrmSyncJob))
        {
            return;
        }

        if (context.GetJobParameter<DateTimeOffset?>(CrmSyncJob.RetryAtParameter, allowStale: false) is not { } retryAt)
        {
            return;
        }

        context.CandidateState = new ScheduledState(retryAt.UtcDateTime)
        {
            Reason = $"Waiting to retry: {failed.Exception.GetType().Name}: {failed.Exception.Message}",
        };
    }
}
