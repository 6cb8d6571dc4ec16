using Connector.Ai;
using Connector.Worker.Crm;
using Connector.Worker.Outbox;
using Connector.Worker.People;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Hosting;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire on the storage the hosting mode chose (<see cref="JobStoragePlan"/>). Nothing depends on that storage
    /// surviving: the outbox is the record of work to do. Recurring jobs are scheduled by <see cref="RecurringJobs"/>.
    /// </summary>
    public static IServiceCollection AddConnectorJobs(this IServiceCollection services)
    {
        services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new CrmRetryFilter());
            sp.GetRequiredService<JobStoragePlan>().Use(config);
        });
        services.AddHangfireServer((sp, o) =>
        {
            // CRM retries are scheduled jobs: look for due ones as often as the outbox is polled, not every 15 s.
            o.SchedulePollingInterval = sp.GetRequiredService<IOptions<OutboxOptions>>().Value.PollInterval;
            o.WorkerCount = sp.GetRequiredService<IOptions<OutboxOptions>>().Value.WorkersOrDefault;
            o.ShutdownTimeout = TimeSpan.FromSeconds(15);
        });

        // The analyses' own server: as many workers as sentence embeddings may run at once, so a backlog of analyses
        // waits in its queue instead of in the default workers (agents' chat joins, CRM calls) or in the gate.
        services.AddHangfireServer((sp, o) =>
        {
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{OutboxJob.AnalysisQueue}";
            o.Queues = [OutboxJob.AnalysisQueue];
            o.SchedulePollingInterval = sp.GetRequiredService<IOptions<OutboxOptions>>().Value.PollInterval;
            o.WorkerCount = sp.GetRequiredService<IOptions<AiOptions>>().Value.EmbeddingConcurrencyOrDefault;
            o.ShutdownTimeout = TimeSpan.FromSeconds(15);
        });
        services.AddHostedService<RecurringJobs>();
        return services;
    }

    /// <summary>
    /// <c>/hangfire</c>, for admins: endpoint authorization (a browser is sent to sign in), so Hangfire's own filters
    /// are none instead of its local-requests-only default.
    /// </summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            DashboardTitle = "Connector jobs",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Policies.Admin);
        return app;
    }
}
