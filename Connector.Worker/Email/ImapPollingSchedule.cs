using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Hangfire;

namespace Connector.Worker.Email;

/// <summary>The recurring Hangfire job that reads the mailbox.</summary>
public static class ImapPollingSchedule
{
    public const string JobId = "imap-poll";

    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Schedules the poll when <c>Email:Imap:Host</c> is set, and removes it otherwise: Hangfire on PostgreSQL keeps
    /// recurring jobs across restarts, so a mailbox taken out of the configuration must stop being read.
    /// </summary>
    public static void AddImapPolling(this IRecurringJobManager jobs, ImapOptions options)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            jobs.RemoveIfExists(JobId);
            return;
        }

        if (!TryGetCron(options.PollInterval, out var cron))
        {
            throw new ArgumentException($"{ImapOptions.Section}:PollInterval '{options.PollInterval}' cannot be scheduled.", nameof(options));
        }

        jobs.AddOrUpdate<ImapPollJob>(JobId, job => job.RunAsync(CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }

    /// <summary>A cron expression (with seconds, as Hangfire accepts) that fires every <paramref name="interval"/>.</summary>
    public static bool TryGetCron(TimeSpan interval, [NotNullWhen(true)] out string? cron)
    {
        cron = null;
        if (interval < MinimumInterval || interval.Ticks % TimeSpan.TicksPerSecond != 0 || interval > TimeSpan.FromDays(1))
        {
            return false;
        }

        var seconds = (int)interval.TotalSeconds;
        cron = seconds switch
        {
            < 60 when 60 % seconds == 0 => string.Create(CultureInfo.InvariantCulture, $"*/{seconds} * * * * *"),
            < 3600 when seconds % 60 == 0 && 60 % (seconds / 60) == 0 => string.Create(CultureInfo.InvariantCulture, $"0 */{seconds / 60} * * * *"),
            < 86400 when seconds % 3600 == 0 && 24 % (seconds / 3600) == 0 => string.Create(CultureInfo.InvariantCulture, $"0 0 */{seconds / 3600} * * *"),
            86400 => "0 0 0 * * *",
            _ => null,
        };
        return cron is not null;
    }
}
