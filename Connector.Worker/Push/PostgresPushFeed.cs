using System.Text.Json;
using Connector.Worker.Storage;
using Npgsql;

namespace Connector.Worker.Push;

/// <summary>
/// Workers sharing PostgreSQL without Redis: entries travel as NOTIFY on <c>connector_push</c>. A payload must stay
/// under 8000 bytes, so an entry too large to carry goes without its data and the receiver reads it from the journal.
/// </summary>
internal sealed class PostgresPushFeed : IPushFeed
{
    private const string Channel = "connector_push";
    private const int MaxPayloadChars = 7000;
    private readonly PostgresNotifications _notifications;
    private readonly ILogger<PostgresPushFeed> _logger;
    private Action<IReadOnlyList<PushEntry>>? _received;
    private Action? _missed;

    public PostgresPushFeed(PostgresNotifications notifications, ILogger<PostgresPushFeed> logger)
    {
        _notifications = notifications;
        _logger = logger;
        notifications.Subscribe(Channel, payload => _received?.Invoke(JsonSerializer.Deserialize<List<PushEntry>>(payload, JsonSerializerOptions.Web)!), () => _missed?.Invoke());
    }

    public async Task PublishAsync(IReadOnlyList<PushEntry> entries)
    {
        foreach (var entry in entries)
        {
            var payload = JsonSerializer.Serialize<PushEntry[]>([entry], JsonSerializerOptions.Web);
            if (payload.Length > MaxPayloadChars)
            {
                payload = JsonSerializer.Serialize<PushEntry[]>([entry with { Data = null }], JsonSerializerOptions.Web);
            }

            try
            {
                await _notifications.NotifyAsync(Channel, payload, CancellationToken.None);
            }
            catch (NpgsqlException ex)
            {
                // Committed in the journal: the connections read it at the next entry of the stream or their safety-net look.
                _logger.LogWarning(ex, "Could not carry push entry {Stream}#{Seq} to the other Workers", entry.Stream, entry.Seq);
            }
        }
    }

    public void Subscribe(Action<IReadOnlyList<PushEntry>> received, Action missed)
    {
        _received = received;
        _missed = missed;
    }

    // The notification listener is a hosted service of its own, started with the host.
    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
}
