using Connector.Worker.Configuration;
using Connector.Worker.Storage;
using Npgsql;

namespace Connector.Worker.Crm;

public static class CrmSyncServiceCollectionExtensions
{
    /// <summary>
    /// The pipeline from the outbox to the configured CRM's ports. The adapter itself (<c>Add{Crm}Connector</c>)
    /// registers its <see cref="Core.Crm.CrmAdapterDescriptor"/> and ports; with Crm:Provider=None there are none and
    /// the sync completes work without writing anywhere.
    /// </summary>
    public static IServiceCollection AddCrmSync(this IServiceCollection services, IConfiguration configuration, StartupConfiguration startup)
    {
        services.AddOptions<CrmSyncOptions>().Bind(configuration.GetSection(CrmSyncOptions.Section))
            .Validate(o => o.MaxAttempts is > 0 and <= 100, "Crm:Sync:MaxAttempts must be between 1 and 100.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay, "Crm:Sync:RetryDelay must be positive and at most Crm:Sync:MaxRetryDelay.")
            .Validate(o => o.ThrottleDelay > TimeSpan.Zero && o.MaxThrottleDelay >= o.ThrottleDelay, "Crm:Sync:ThrottleDelay must be positive and at most Crm:Sync:MaxThrottleDelay.")
            .Validate(o => o.BatchSize is > 0 and <= 100, "Crm:Sync:BatchSize must be between 1 and 100.")
            .Validate(o => o.CustomerLockTimeout > TimeSpan.Zero, "Crm:Sync:CustomerLockTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<CrmThrottleGate>();
        services.AddSingleton<SqlCrmSyncStore>();
        if (startup.UsesPostgres)
        {
            services.AddSingleton<ICustomerCrmLock>(sp => new PostgresCustomerCrmLock(sp.GetRequiredService<NpgsqlDataSource>()));
        }
        else
        {
            services.AddSingleton<ICustomerCrmLock, InProcessCustomerCrmLock>();
        }

        services.AddTransient(CrmPorts.From);
        services.AddTransient<CrmFiles>();
        services.AddTransient<CrmContactSync>();
        services.AddTransient<CrmInteractionSync>();
        services.AddTransient<CrmAttachmentSync>();
        services.AddTransient<CrmWork>();
        return services;
    }
}
