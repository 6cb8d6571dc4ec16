using System.Collections.Concurrent;
using Connector.Worker.Hosting;
using Npgsql;

namespace Connector.Worker.Storage;

/// <summary>
/// PostgreSQL LISTEN/NOTIFY between the Workers sharing the database: one connection listens on every channel a
/// room subscribed to and hands each payload to it. When that connection is lost, notifications sent meanwhile are
/// gone: each subscriber is told (<c>missed</c>) once listening again, and looks at the store instead.
/// </summary>
internal sealed class PostgresNotifications(NpgsqlDataSource dataSource, ILogger<PostgresNotifications> logger) : BackgroundService
{
    // A quiet connection is checked this often, so that a dead one is noticed and replaced.
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, (Action<string> Received, Action Missed)> _subscribers = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (start-up waits for it in tests and benchmarks).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Subscribes before the host starts; channels are plain lower-case identifiers.</summary>
    public void Subscribe(string channel, Action<string> received, Action missed) => _subscribers[channel] = (received, missed);

    public async Task NotifyAsync(string channel, string payload, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var first = true;
        var backoff = FailureBackoff.Default();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (_subscribers.TryGetValue(e.Channel, out var subscriber))
                    {
                        subscriber.Received(e.Payload);
                    }
                };
                foreach (var channel in _subscribers.Keys)
                {
                    await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (!first)
                {
                    logger.LogInformation("Listening to PostgreSQL notifications again; subscribers look at the store for what they missed");
                    foreach (var subscriber in _subscribers.Values)
                    {
                        subscriber.Missed();
                    }
                }

                first = false;
                _listening.TrySetResult();
                backoff.Reset();
                while (true)
                {
                    if (!await connection.WaitAsync(KeepAlive, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteNonQueryAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The connection was lost, or a subscriber threw: listen again (subscribers then look at the store).
                logger.LogWarning(ex, "The PostgreSQL notification connection was lost; listening again shortly");
                first = false;
                if (!await backoff.WaitAsync(TimeProvider.System, stoppingToken))
                {
                    return;
                }
            }
        }
    }
}
