using Connector.Core.Channels;
using Connector.Core.Outbox;
using Connector.Worker.Outbox;

namespace Connector.Worker.WhatsApp;

public static class WhatsAppServiceCollectionExtensions
{
    /// <summary>
    /// WhatsApp through ACS Advanced Messaging: agents' replies (within the 24-hour window or as templates) and
    /// customers' media fetched into the data directory (<c>media.download</c>).
    /// Inbound messages and delivery reports arrive through the Event Grid webhook.
    /// </summary>
    public static IServiceCollection AddWhatsApp(this IServiceCollection services)
    {
        services.AddOutboxHandler<MediaDownloadHandler>(OutboxKind.MediaDownload);
        services.AddScoped<IChannelReplySender, WhatsAppReplySender>();
        return services;
    }
}
