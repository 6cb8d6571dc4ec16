using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Connector.Worker.Push;

/// <summary>
/// Workers with Redis (<c>SignalR:Redis</c>): entries travel on the Redis channel <c>connector:push</c>, beside the
/// SignalR backplane's own channels on the same server. Redis pub/sub keeps nothing for a Worker that is away: when
/// the connection comes back, every connection looks at the journal for what it missed.
/// </summary>
internal sealed class RedisPushFeed(IOptions<PushOptions> options, ILogger<RedisPushFeed> logger) : IPushFeed, IAsyncDisposable
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("connector:push");
    private readonly Lazy<Task<ConnectionMultiplexer>> _redis = new(() => ConnectAsync(options.Value.Redis!));
    private Action<IReadOnlyList<PushEntry>>? _received;
    private Action? _missed;

    public async Task PublishAsync(IReadOnlyList<PushEntry> entries)
    {
        _received?.Invoke(entries);
        try
        {
            var redis = await _redis.Value;
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(entries, JsonSerializerOptions.Web));
        }
        catch (RedisException ex)
        {
            // Committed in the journal: the connections read it at the next entry of the stream or their safety-net look.
            logger.LogWarning(ex, "Could not carry {Count} push entries through Redis", entries.Count);
        }
    }

    public void Subscribe(Action<IReadOnlyList<PushEntry>> received, Action missed)
    {
        _received = received;
        _missed = missed;
    }

    /// <summary>
    /// Connects and subscribes (at start, so that nothing published after start-up is missed). With Redis away the Worker
    /// starts all the same: the subscription is registered with the connection without waiting for Redis, which is told
    /// when it answers again (StackExchange.Redis sends its subscriptions on every reconnect), and the journal covers the gap.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var redis = await _redis.Value;
        redis.ConnectionRestored += (_, _) => _missed?.Invoke();
        var connected = redis.IsConnected;
        if (!connected)
        {
            logger.LogWarning("Redis ({SignalRRedis}) is not reachable at start; push entries from other Workers arrive once it is back", RedisEndPoints(redis));
        }

        var queue = await redis.GetSubscriber().SubscribeAsync(Channel, connected ? CommandFlags.None : CommandFlags.FireAndForget);
        // One ordered queue: entries are handed over in the order Redis delivered them.
        queue.OnMessage(message => _received?.Invoke(JsonSerializer.Deserialize<List<PushEntry>>(message.Message.ToString(), JsonSerializerOptions.Web)!));
    }

    // Host and port only: the configuration string may carry a password.
    private static string RedisEndPoints(ConnectionMultiplexer redis) => string.Join(", ", redis.GetEndPoints().Select(e => e.ToString()));

    public async ValueTask DisposeAsync()
    {
        if (_redis.IsValueCreated)
        {
            await (await _redis.Value).DisposeAsync();
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var redisOptions = ConfigurationOptions.Parse(configuration);
        // A Worker starts and keeps trying while Redis is away; live delivery resumes when it is back.
        redisOptions.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(redisOptions);
    }
}
