using System.Data.Common;
using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Connector.Worker.Storage;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Routing;

/// <summary>
/// Makes this Worker the router when it can get the lock, rebuilds the router's state from the store, and ticks
/// it; on losing the lock (or the database) it stops deciding, and waits to take over again. An agent's command
/// wakes it at once; the tick is for time-outs, new work and the signal lost on the way.
/// </summary>
internal sealed class RouterService(
    IRouterLeadership leadership,
    RoutingPolicy policy,
    IRoutingStore store,
    ICommandSignals signals,
    IOptions<RouterOptions> options,
    TimeProvider time,
    ILogger<RouterService> logger) : BackgroundService
{
    public static string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await leadership.AcquireAsync(stoppingToken);
                logger.LogInformation("This Worker ({Instance}) is now the router", Instance);
                var session = new RouterSession(policy, store, Instance, logger);
                await session.RebuildAsync(time.GetUtcNow(), stoppingToken);
                while (true)
                {
                    await lease.ConfirmAsync(stoppingToken);
                    await session.TickAsync(time.GetUtcNow(), stoppingToken);
                    await signals.WaitForCommandsAsync(options.Value.TickInterval, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                // The lock's connection or the store went away: another Worker may take over; try again shortly.
                logger.LogError(ex, "Router stopped deciding; will try to take over again");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
