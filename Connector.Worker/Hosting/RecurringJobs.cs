using Connector.Worker.Email;
using Connector.Worker.Retention;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Hosting;

/// <summary>
/// Every recurring job, scheduled in one place when the Worker starts (after the options were validated). Hangfire
/// on PostgreSQL keeps recurring jobs across restarts, so one that the configuration turned off is removed here too.
/// </summary>
internal sealed class RecurringJobs(IRecurringJobManager jobs, IOptions<ImapOptions> imap) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddImapPolling(imap.Value);
        // The retention job took over deleting ACS's recordings from the voice job of this id.
        jobs.RemoveIfExists("voice-recording-retention");
        jobs.AddOrUpdate<RetentionJob>(RetentionJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
