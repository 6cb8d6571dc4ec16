using Connector.Worker.Api;
using Connector.Worker.Crm;
using Connector.Worker.Routing;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Hosting;

/// <summary>What this Worker is made of, in one log line at start, and a warning where the admin surface is open to anonymous local callers.</summary>
internal sealed class StartupSummary(
    StartupConfiguration startup,
    IOptions<CharterOptions> charter,
    IOptions<ApiOptions> api,
    ILogger<StartupSummary> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var shared = startup.Mode == HostingMode.Shared;
        logger.LogInformation("Store: {Store}; Hangfire storage: {JobStorage}; CRM: {Crm}; charter: {Charter}",
            shared ? "PostgreSQL" : $"SQLite in {startup.DataDirectory}",
            shared ? "PostgreSQL" : "in memory (the outbox keeps the work)",
            startup.CrmAdapter?.Name ?? CrmAdapterRegistry.None,
            charter.Value.FullPath ?? "none (one queue per channel)");
        if (api.Value.DevelopmentLoopbackAdmin)
        {
            logger.LogWarning("Api:DevelopmentLoopbackAdmin is on: anonymous callers on this machine are admins. Never use it on a shared machine");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
