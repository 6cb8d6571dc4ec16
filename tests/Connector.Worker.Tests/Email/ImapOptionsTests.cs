using Connector.Core;
using Connector.Worker.Acs;
using Connector.Worker.Email;
using Connector.Worker.Hosting;
using Connector.Worker.Storage;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary><c>Email:Imap</c>: checked at start only when a Host is set, composed into the Worker, scheduled in Hangfire.</summary>
public sealed class ImapOptionsTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("connector-email-di-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public void Without_a_host_email_intake_is_off_and_the_section_is_valid()
    {
        var options = new ImapOptions { Port = -1, Folder = "" };

        Assert.False(options.Enabled);
        Assert.True(new ImapOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_host_without_credentials_is_refused_at_start_naming_each_key()
    {
        using var provider = Compose(new() { ["Email:Imap:Host"] = "imap.example.com", ["Email:Imap:PollInterval"] = "00:00:45" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.StartsWith("Email:Imap:Username is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Email:Imap:Password is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Email:Imap:PollInterval '00:00:45' cannot be scheduled", StringComparison.Ordinal));
    }

    [Fact]
    public void The_password_appears_neither_in_validation_failures_nor_in_the_options_text()
    {
        var options = new ImapOptions { Host = "imap.example.com", Port = 70000, Username = "agent", Password = "hunter2-secret" };

        var result = new ImapOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TLS_is_implicit_on_993_and_STARTTLS_elsewhere()
    {
        Assert.Equal((993, MailKit.Security.SecureSocketOptions.SslOnConnect), (new ImapOptions().EffectivePort, new ImapOptions().SocketOptions));
        Assert.Equal(MailKit.Security.SecureSocketOptions.StartTls, new ImapOptions { Port = 143 }.SocketOptions);
        Assert.Equal((143, MailKit.Security.SecureSocketOptions.None), (new ImapOptions { UseTls = false }.EffectivePort, new ImapOptions { UseTls = false }.SocketOptions));
    }

    [Theory]
    [InlineData("00:00:30", "*/30 * * * * *")]
    [InlineData("00:00:05", "*/5 * * * * *")]
    [InlineData("00:05:00", "0 */5 * * * *")]
    [InlineData("02:00:00", "0 0 */2 * * *")]
    [InlineData("1.00:00:00", "0 0 0 * * *")]
    [InlineData("00:00:45", null)]
    [InlineData("00:00:01", null)]
    [InlineData("00:07:00", null)]
    public void The_poll_interval_becomes_a_cron_schedule_when_it_divides_a_minute_an_hour_or_a_day(string interval, string? cron)
    {
        ImapPollingSchedule.TryGetCron(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture), out var actual);

        Assert.Equal(cron, actual);
    }

    [Fact]
    public void The_poll_is_a_recurring_Hangfire_job_while_a_host_is_set_and_is_removed_when_it_is_not()
    {
        using var storage = new InMemoryStorage();
        var jobs = new RecurringJobManager(storage);

        jobs.AddImapPolling(new ImapOptions { Host = "imap.example.com", Username = "agent", Password = "secret" });

        using (var connection = storage.GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs());
            Assert.Equal((ImapPollingSchedule.JobId, "*/30 * * * * *", typeof(ImapPollJob)), (job.Id, job.Cron, job.Job.Type));
        }

        jobs.AddImapPolling(new ImapOptions());

        using (var connection = storage.GetConnection())
        {
            Assert.Empty(connection.GetRecurringJobs());
        }
    }

    [Fact]
    public void AddEmail_composes_the_poll_job_with_its_archive_under_the_data_directory()
    {
        using var provider = Compose(new() { ["Email:Imap:Host"] = "imap.example.com", ["Email:Imap:Username"] = "agent", ["Email:Imap:Password"] = "secret" });

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotNull(provider.GetRequiredService<ImapPollJob>());
        Assert.NotNull(provider.GetRequiredService<EmailSendStatusJob>());
        var startup = provider.GetRequiredService<StartupConfiguration>();
        Assert.Equal(Path.Combine(startup.DataDirectory, "mail"), provider.GetRequiredService<MailArchive>().Root);
    }

    private ServiceProvider Compose(Dictionary<string, string?> settings)
    {
        settings["Storage:DataDirectory"] = _dataDirectory;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var startup = StartupConfiguration.Read(configuration);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHostingMode(startup);
        services.AddConnectorCore(configuration);
        services.AddConnectorStore();
        // Replies' send-status job needs ACS Email and a Hangfire client, as in the Worker (AddHangfire itself would
        // set Hangfire's global logging to this short-lived provider).
        services.AddAcsClients(configuration);
        services.AddSingleton<JobStorage>(_ => new InMemoryStorage());
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddEmail(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
