using Connector.Worker.Acs;
using Connector.Worker.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Email:Imap</c> (checked at start when a Host is set) and registers the IMAP poll job, its cursor store
    /// and the mail archive under <c>{Storage:DataDirectory}/mail</c>; the schedule is <see cref="ImapPollingSchedule"/>.
    /// Also the job that follows replies' ACS send operations, and its recovery at start.
    /// </summary>
    public static IServiceCollection AddEmailIntake(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ImapOptions>().Bind(configuration.GetSection(ImapOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImapOptions>, ImapOptionsValidator>());
        // The poll skips mails from Acs:Email:SenderAddress. Binding the section again where AddAcsClients also
        // binds it sets the same values; without ACS this binding is the only one.
        services.AddOptions<AcsOptions>().Bind(configuration.GetSection(AcsOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ImapCursorStore>();
        services.AddSingleton(sp => new MailArchive(Path.Combine(sp.GetRequiredService<StartupConfiguration>().DataDirectory, "mail")));
        services.AddTransient<ImapPollJob>();
        services.AddSingleton<EmailTimelineStore>();
        services.AddTransient<EmailSendStatusJob>();
        services.AddHostedService<EmailSendRecovery>();
        return services;
    }
}
