using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Connector.Worker.Api;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Telemetry;

/// <summary>
/// Reads the queue board (the figures <c>GET /api/queues</c> shows) every <see cref="TelemetryOptions.QueueSampleInterval"/>
/// into <see cref="QueueSample"/>: one grouped query however often the gauges are scraped.
/// </summary>
internal sealed class QueueSampler(
    QueueSample sample, IRoutingStore store, RoutingPolicy policy, TimeProvider time, IOptions<TelemetryOptions> options, ILogger<QueueSampler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.QueueSampleInterval, time);
        do
        {
            try
            {
                var now = time.GetUtcNow();
                var counts = await store.CountQueueWorkAsync(now - QueueBoard.AttainmentWindow, QueueBoard.LateBefore(policy, now), stoppingToken);
                var busy = await store.ListBusyAgentsAsync(stoppingToken);
                var agents = await store.ListAgentsAsync(stoppingToken);
                sample.Set(QueueBoard.Build(policy, policy.Queues.Keys, counts, busy, agents, now));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The gauges keep the last reading; /health/ready says whether the store is down.
                logger.LogWarning(ex, "Queue figures for the metrics could not be read; the last reading stays");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
