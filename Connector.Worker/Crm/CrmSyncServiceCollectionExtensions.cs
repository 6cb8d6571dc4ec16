using Connector.Core.Configuration;
using Connector.Core.Crm;
using Connector.Core.Outbox;
using Connector.Worker.Crm.Links;
using Connector.Worker.Hosting;
using Connector.Worker.Outbox;

namespace Connector.Worker.Crm;

public static class CrmSyncServiceCollectionExtensions
{
    /// <summary>
    /// The pipeline from the outbox to the configured CRM adapter's ports, run by <see cref="CrmSyncJob"/> on the CRM's
    /// retry terms. The CRM kinds enter the dispatch table with the adapter (<see cref="AddCrmAdapter"/>): with
    /// <c>Crm:Provider=None</c> nothing consumes them, so they are not written at all. The per-customer lock comes
    /// with the hosting mode.
    /// </summary>
    public static IServiceCollection AddCrmSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CrmSyncOptions, CrmSyncOptionsValidator>(configuration, CrmSyncOptions.Section);
        services.AddSingleton<CrmThrottleGate>();
        services.AddSingleton<Storage.SqlCrmSyncStore>();
        services.AddTransient(CrmPorts.From);
        services.AddTransient<CrmFiles>();
        services.AddTransient<CrmRecordUrls>();
        services.AddTransient<CrmContactSync>();
        services.AddSingleton<CrmCallParties>();
        services.AddTransient<CrmSyncJob>();
        // Links to recordings a CRM cannot take; any adapter may use them (Crm:RecordingLinks, off until configured).
        services.AddValidatedOptions<RecordingLinkOptions, RecordingLinkOptionsValidator>(configuration, RecordingLinkOptions.Section);
        services.AddSingleton<RecordingLinkSigner>();
        services.AddSingleton<IRecordingLinkIssuer, RecordingLinks>();
        return services;
    }

    /// <summary>The CRM kinds of the dispatch table: what an adapter consumes, each run by <see cref="CrmSyncJob"/>.</summary>
    private static IServiceCollection AddCrmOutboxHandlers(this IServiceCollection services, CrmAdapterDescriptor descriptor)
    {
        services.AddOutboxHandler<CrmContactSync>(OutboxKind.ContactSync, CrmSyncJob.Enqueue);
        services.AddOutboxHandler<CrmInteractionSync>(OutboxKind.InteractionSync, CrmSyncJob.Enqueue);
        services.AddOutboxHandler<CrmAttachmentSync>(OutboxKind.CrmAttach, CrmSyncJob.Enqueue);
        if (descriptor.Can(CrmCapabilities.ScreenPop))
        {
            // Only then is an accepted offer's screen-pop written to the outbox at all.
            services.AddOutboxHandler<CrmScreenPopSync>(OutboxKind.CrmScreenPop, CrmSyncJob.Enqueue);
        }

        return services;
    }

    /// <summary>
    /// Registers the adapter <c>Crm:Provider</c> selected (<see cref="StartupConfiguration.CrmAdapter"/>), nothing
    /// for <c>None</c>. An adapter that registers no descriptor, or not the ports its capabilities call for, is a
    /// mistake in the build: it stops composition here rather than letting the sync take it for <c>None</c> (and
    /// complete work without writing it) or fail job after job.
    /// </summary>
    public static IServiceCollection AddCrmAdapter(this IServiceCollection services, StartupConfiguration startup, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(startup);
        if (startup.CrmAdapter is not { } adapter)
        {
            return services;
        }

        adapter.AddAdapter(services, configuration);
        var descriptor = services.LastOrDefault(s => s.ServiceType == typeof(CrmAdapterDescriptor))?.ImplementationInstance as CrmAdapterDescriptor
            ?? throw new InvalidOperationException(
                $"The {adapter.Name} CRM adapter must register its {nameof(CrmAdapterDescriptor)} as an instance: the CRM sync reads its capabilities from it.");
        if (CrmPorts.Unregistered(services, descriptor) is { Count: > 0 } missing)
        {
            throw new InvalidOperationException(
                $"The {adapter.Name} CRM adapter declares {descriptor.Capabilities} but registers no {string.Join(", ", missing.Select(t => t.Name))}.");
        }

        // The agent's pick needs a CRM to pick in: with None the endpoint answers 409 without it.
        services.AddTransient<CrmContactChoice>();
        return services.AddCrmOutboxHandlers(descriptor);
    }
}
