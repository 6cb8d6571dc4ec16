using Connector.Worker.Api;
using Connector.Worker.Assignments;
using Connector.Worker.Configuration;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire on PostgreSQL when the store is PostgreSQL, else in memory. Nothing depends on Hangfire's storage
    /// surviving: the outbox is the record of work to do.
    /// </summary>
    public static IServiceCollection AddConnectorJobs(this IServiceCollection services, StartupConfiguration startup)
    {
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new CrmRetryFilter());
            if (startup.PostgresConnectionString is { } connectionString)
            {
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        services.AddHangfireServer((sp, o) =>
        {
            // CRM retries are scheduled jobs: look for due ones as often as the outbox is polled, not every 15 s.
            o.SchedulePollingInterval = sp.GetRequiredService<IOptions<OutboxOptions>>().Value.PollInterval;
            o.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2);
            o.ShutdownTimeout = TimeSpan.FromSeconds(15);
        });
        services.AddTransient<CrmSyncJob>();
        services.AddTransient<MediaDownloadJob>();
        services.AddTransient<TaskAssignmentJob>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        var access = app.ServiceProvider.GetRequiredService<AdminAccess>();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new DashboardAccessFilter(access)],
            DashboardTitle = "Connector jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
