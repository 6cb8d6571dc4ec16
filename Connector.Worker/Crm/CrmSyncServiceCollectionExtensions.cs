using Connector.Core.Configuration;
using Connector.Core.Outbox;
using Connector.Worker.Outbox;

namespace Connector.Worker.Crm;

public static class CrmSyncServiceCollectionExtensions
{
    /// <summary>
    /// The pipeline from the outbox to the configured CRM adapter's ports: the CRM kinds of the dispatch table, run
    /// by <see cref="CrmSyncJob"/> on the CRM's retry terms. The adapter itself registers its
    /// <see cref="Core.Crm.CrmAdapterDescriptor"/> and ports; with <c>Crm:Provider=None</c> there are none and the
    /// job completes the work without writing anywhere. The per-customer lock comes with the hosting mode.
    /// </summary>
    public static IServiceCollection AddCrmSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CrmSyncOptions, CrmSyncOptionsValidator>(configuration, CrmSyncOptions.Section);
        services.AddSingleton<CrmThrottleGate>();
        services.AddSingleton<Storage.SqlCrmSyncStore>();
        services.AddTransient(CrmPorts.From);
        services.AddTransient<CrmFiles>();
        services.AddTransient<CrmContactSync>();
        services.AddTransient<CrmSyncJob>();
        services.AddOutboxHandler<CrmContactSync>(OutboxKind.ContactSync, CrmSyncJob.Enqueue);
        services.AddOutboxHandler<CrmInteractionSync>(OutboxKind.InteractionSync, CrmSyncJob.Enqueue);
        services.AddOutboxHandler<CrmAttachmentSync>(OutboxKind.CrmAttach, CrmSyncJob.Enqueue);
        return services;
    }
}
