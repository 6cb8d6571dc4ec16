using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Connector.Worker.Hosting;
using Connector.Worker.Storage;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Routing;

/// <summary>
/// Makes this Worker the router when it can get the lock, rebuilds the router's state from the store, and ticks
/// it; on losing the lock (or the database) it stops deciding, and waits to take over again. An agent's command or
/// new work (intake's signal, naming the tasks) wakes it at once; the tick is for time-outs and the signal lost on the way.
/// </summary>
/// <remarks>
/// Whatever fails, the router logs it, backs off (<see cref="FailureBackoff"/>) and starts a fresh session from the
/// store: one exception never stops the Worker. A failure that belongs to one task counts against that task, and a
/// task that keeps failing is quarantined (<see cref="IRoutingStore.QuarantineTaskAsync"/>) so the others are routed.
/// When the engine fails without naming a task, the next session is rebuilt task by task to find it.
/// </remarks>
internal sealed class RouterService(
    IRouterLeadership leadership,
    RoutingPolicy policy,
    IRoutingStore store,
    ICommandSignals signals,
    IOptions<RouterOptions> options,
    TimeProvider time,
    ILogger<RouterService> logger,
    Telemetry.ConnectorMetrics metrics) : BackgroundService
{
    public static string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = FailureBackoff.Default();
        var poison = new PoisonTasks(options.Value.QuarantineAfterFailures);
        var isolate = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await leadership.AcquireAsync(stoppingToken);
                logger.LogInformation("This Worker ({Instance}) is now the router", Instance);
                var session = new RouterSession(policy, store, Instance, logger, options.Value.FeedInterval, metrics);
                // The rebuild reads every open task: what was signalled before it is in there.
                signals.TakeWrittenTasks();
                await session.RebuildAsync(time.GetUtcNow(), isolate, stoppingToken);
                isolate = false;
                while (true)
                {
                    await lease.ConfirmAsync(stoppingToken);
                    var started = time.GetTimestamp();
                    var (written, missed) = signals.TakeWrittenTasks();
                    await session.TickAsync(time.GetUtcNow(), stoppingToken, missed ? null : written);
                    if (logger.IsEnabled(LogLevel.Debug))
                    {
                        logger.LogDebug("Router cycle: {Signalled} tasks signalled{Missed}, {Elapsed:0.0} ms", written.Count, missed ? " (missed: change feed read)" : "", time.GetElapsedTime(started).TotalMilliseconds);
                    }

                    backoff.Reset();
                    await signals.WaitForCommandsAsync(options.Value.TickInterval, time, stoppingToken);
                    if (options.Value.CycleSpacing - time.GetElapsedTime(started) is { Ticks: > 0 } gather)
                    {
                        // Woken soon after the last cycle: what arrives meanwhile joins this one.
                        await Task.Delay(gather, time, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RoutingTaskFailedException ex)
            {
                await TaskFailedAsync(ex, poison, stoppingToken);
            }
            catch (RoutingEngineFailedException ex)
            {
                isolate = true;
                logger.LogError(ex, "The routing engine failed; the router starts again, taking its tasks in one by one to find the one that fails");
            }
            catch (Exception ex)
            {
                // The lock's connection or the store went away, or something unforeseen: another Worker may take over.
                logger.LogError(ex, "Router stopped deciding; will try to take over again");
            }

            if (!await backoff.WaitAsync(time, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task TaskFailedAsync(RoutingTaskFailedException ex, PoisonTasks poison, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        if (!poison.Failed(ex.TaskId, now))
        {
            logger.LogError(ex, "Routing task {TaskId} failed ({Count} of {Limit} before it is quarantined); the router starts again",
                ex.TaskId, poison.CountOf(ex.TaskId), options.Value.QuarantineAfterFailures);
            return;
        }

        try
        {
            var reason = $"{ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}";
            var quarantined = await store.QuarantineTaskAsync(ex.TaskId, reason.Length > 500 ? reason[..500] : reason, now, stoppingToken);
            poison.Forget(ex.TaskId);
            logger.LogError(ex, "Routing task {TaskId} failed {Limit} times and is quarantined{Stored}: it is not routed until an admin releases it (DELETE /api/tasks/{TaskId}/quarantine)",
                ex.TaskId, options.Value.QuarantineAfterFailures, quarantined ? "" : " (it is no longer open)", ex.TaskId);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The store is failing too: the task fails again next session and is quarantined then.
            logger.LogError(failure, "Routing task {TaskId} could not be quarantined", ex.TaskId);
        }
    }
}
