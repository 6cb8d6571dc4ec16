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
        _received?.Invoke(entries);
        // As few notifications as fit: one round trip each, and a router's tick may commit dozens of offers at once.
        foreach (var payload in Payloads(entries))
        {
            try
            {
                await _notifications.NotifyAsync(Channel, payload, CancellationToken.None);
            }
            catch (NpgsqlException ex)
            {
                // Committed in the journal: the connections read it at the next entry of the stream or their safety-net look.
                _logger.LogWarning(ex, "Could not carry push entries to the other Workers ({Payload} characters)", payload.Length);
            }
        }
    }

    /// <summary>The entries as JSON arrays under the payload limit; an entry too large alone goes without its data.</summary>
    internal static IEnumerable<string> Payloads(IReadOnlyList<PushEntry> entries)
    {
        var chunk = new List<string>();
        var length = 2;
        foreach (var entry in entries)
        {
            var json = JsonSerializer.Serialize(entry, JsonSerializerOptions.Web);
            if (json.Length + 2 > MaxPayloadChars)
            {
                json = JsonSerializer.Serialize(entry with { Data = null }, JsonSerializerOptions.Web);
            }

            if (chunk.Count > 0 && length + json.Length + 1 > MaxPayloadChars)
            {
                yield return $"[{string.Join(',', chunk)}]";
                chunk.Clear();
                length = 2;
            }

            chunk.Add(json);
            length += json.Length + 1;
        }

        if (chunk.Count > 0)
        {
            yield return $"[{string.Join(',', chunk)}]";
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
