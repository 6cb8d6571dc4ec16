using System.Threading.Channels;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Outbox;

/// <summary>
/// Runs the rows someone is waiting for (an agent's join to the call or chat they accepted, the bot's answer) in
/// this process as soon as the dispatcher claims them. Through Hangfire each waited for a free worker, and under load
/// the workers were all held by CRM calls: in the full mix at 200/s no accepted call was joined. Only a failed
/// attempt goes to Hangfire, whose retries then take the row like any other. A row still waiting here when the
/// process stops keeps its lease, and the dispatcher hands it out again when the lease runs out.
/// </summary>
internal sealed class OutboxExpressLane(
    IServiceScopeFactory scopes,
    IOutboxStore outbox,
    IBackgroundJobClient jobs,
    OutboxHandlers handlers,
    IOptions<OutboxOptions> options,
    ILogger<OutboxExpressLane> logger) : BackgroundService
{
    private readonly Channel<ClaimedOutboxRow> _rows = Channel.CreateUnbounded<ClaimedOutboxRow>(new UnboundedChannelOptions { SingleWriter = true });

    /// <summary>Takes a claimed row; never refuses one (the lane is unbounded: the rows are few and already leased).</summary>
    public void Post(ClaimedOutboxRow row)
    {
        if (!_rows.Writer.TryWrite(row))
        {
            // Only after the Worker began to stop: the row keeps its lease and is handed out again.
            logger.LogInformation("Outbox row {OutboxId} ({Kind}) is left for the next hand-out: the Worker is stopping", row.Id, row.Kind);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stoppingToken.Register(() => _rows.Writer.TryComplete());
        return Task.WhenAll(Enumerable.Range(0, options.Value.ExpressWorkersOrDefault).Select(_ => Task.Run(() => RunAsync(stoppingToken), CancellationToken.None)));
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (await _rows.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (!stoppingToken.IsCancellationRequested && _rows.Reader.TryRead(out var row))
            {
                await RunRowAsync(row, stoppingToken);
            }

            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunRowAsync(ClaimedOutboxRow row, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OutboxJob>().RunNowAsync(row.Id, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the row keeps its lease and is handed out again.
        }
        catch (Exception ex)
        {
            await RetryOnHangfireAsync(row, ex);
        }
    }

    // The attempt kept its error on the row (unless the store itself failed); Hangfire's retries take it from here,
    // unless that attempt was the row's last.
    private async Task RetryOnHangfireAsync(ClaimedOutboxRow row, Exception failure)
    {
        try
        {
            if ((await outbox.GetAsync(row.Id, CancellationToken.None))?.State is OutboxState.Dead or OutboxState.Done)
            {
                logger.LogError(failure, "Outbox row {OutboxId} ({Kind}) failed its last attempt", row.Id, row.Kind);
                return;
            }

            (handlers.Find(row.Kind)?.Enqueue ?? OutboxJob.Enqueue)(jobs, row.Id);
            logger.LogWarning(failure, "Outbox row {OutboxId} ({Kind}) failed at once; Hangfire retries it", row.Id, row.Kind);
        }
        catch (Exception ex)
        {
            // Neither the store nor Hangfire answered: the row keeps its lease, and the dispatcher hands it out again when it runs out.
            logger.LogError(new AggregateException(failure, ex), "Outbox row {OutboxId} ({Kind}) failed and could not be queued for a retry; it is handed out again after its lease", row.Id, row.Kind);
        }
    }
}
