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

    /// <summary>Connects and subscribes (at start, so that nothing published after start-up is missed).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var redis = await _redis.Value;
        redis.ConnectionRestored += (_, _) => _missed?.Invoke();
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        // One ordered queue: entries are handed over in the order Redis delivered them.
        queue.OnMessage(message => _received?.Invoke(JsonSerializer.Deserialize<List<PushEntry>>(message.Message.ToString(), JsonSerializerOptions.Web)!));
    }

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
