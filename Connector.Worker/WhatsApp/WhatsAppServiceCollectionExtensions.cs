using Connector.Core.Outbox;
using Connector.Worker.Outbox;

namespace Connector.Worker.WhatsApp;

public static class WhatsAppServiceCollectionExtensions
{
    /// <summary>
    /// WhatsApp through ACS Advanced Messaging: customers' media fetched into the data directory (<c>media.download</c>).
    /// Inbound messages and delivery reports arrive through the Event Grid webhook.
    /// </summary>
    public static IServiceCollection AddWhatsApp(this IServiceCollection services)
    {
        services.AddOutboxHandler<MediaDownloadHandler>(OutboxKind.MediaDownload);
        return services;
    }
}
