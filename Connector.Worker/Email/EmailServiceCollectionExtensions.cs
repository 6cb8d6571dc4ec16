using Connector.Core.Channels;
using Connector.Core.Configuration;
using Connector.Worker.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Worker.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Email:Imap</c> (checked at start when a Host is set; the poll skips mails from <c>Acs:Email:SenderAddress</c>, bound with the ACS clients) and registers the IMAP poll job, its cursor store
    /// and the mail archive under <c>{Storage:DataDirectory}/mail</c>; the schedule is <see cref="ImapPollingSchedule"/>.
    /// Also the job that follows replies' ACS send operations, and its recovery at start.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<ImapOptions, ImapOptionsValidator>(configuration, ImapOptions.Section);
        services.AddSingleton<ImapCursorStore>();
        services.TryAddSingleton<Claims.IdentityClaimStore>(); // an unverified From is kept as a claim
        services.AddSingleton(sp => new MailArchive(sp.GetRequiredService<DataDirectory>().Combine("mail"), sp.GetRequiredService<Core.Compliance.SensitiveDataRedactor>()));
        services.AddTransient<ImapPollJob>();
        services.AddSingleton<EmailTimelineStore>();
        services.AddTransient<EmailSendStatusJob>();
        services.AddScoped<IChannelReplySender, EmailReplySender>();
        services.AddHostedService<EmailSendRecovery>();
        return services;
    }
}
