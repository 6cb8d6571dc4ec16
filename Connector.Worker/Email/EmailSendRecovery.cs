using Hangfire;

namespace Connector.Worker.Email;

/// <summary>
/// At start, follows again every reply still <see cref="EmailTimelineStore.Sending"/>: with Hangfire in memory (the
/// SQLite default) a restart forgets the scheduled polls, and the table, not Hangfire, is the record of what is open.
/// On PostgreSQL a poll may then run twice, which only asks ACS once more.
/// </summary>
internal sealed class EmailSendRecovery(EmailTimelineStore timeline, IBackgroundJobClient jobs, ILogger<EmailSendRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var open = await timeline.ListSendingAsync(cancellationToken);
        foreach (var operationId in open)
        {
            EmailSendStatusJob.Start(jobs, operationId);
        }

        if (open.Count > 0)
        {
            logger.LogInformation("Following {Count} email replies that ACS had not yet accepted before the restart", open.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
