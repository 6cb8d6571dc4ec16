using System.Data.Common;
using System.Globalization;
using Dapper;
using Npgsql;

namespace Connector.Worker.Storage;

/// <summary>
/// Workers sharing PostgreSQL: a command written on one Worker wakes the router on another, and the router's answer
/// reaches the Worker whose request waits, through NOTIFY on <c>connector_commands</c>. Payloads: <c>e</c> (enqueued),
/// <c>c:1,2,3</c> (completed ids) or <c>t:sender:id,id</c> (tasks written, by the Worker <c>sender</c>).
/// </summary>
internal sealed class PostgresCommandSignals : CommandSignals
{
    private const string Channel = "connector_commands";
    // NOTIFY payloads must stay under 8000 bytes: ids are sent in chunks.
    private const int IdsPerNotification = 400;
    private const int TaskIdsPerNotification = 200; // 37 bytes each: 7.4 kB
    // Who this is in its own notifications: the Worker that wrote the tasks has already woken its own router.
    private readonly string _sender = Guid.NewGuid().ToString("N");
    private readonly PostgresNotifications _notifications;
    private readonly ILogger<PostgresCommandSignals> _logger;

    public PostgresCommandSignals(PostgresNotifications notifications, ILogger<PostgresCommandSignals> logger)
    {
        _notifications = notifications;
        _logger = logger;
        notifications.Subscribe(Channel, Received, OnSignalsMissed);
    }

    // Sent with the command's own insert: delivered when it commits, and no connection of its own to wait for.
    public override string? EnqueuedStatement => $"SELECT pg_notify('{Channel}', 'e')";

    // In the writer's transaction: the other Workers hear of the rows when, and only if, they are committed. One
    // statement whatever the number of chunks.
    public override (string Sql, object Args)? TasksWrittenStatement(IReadOnlyCollection<Guid> taskIds) =>
        ("SELECT pg_notify(@channel, p) FROM unnest(@payloads) AS p", new { channel = Channel, payloads = TaskPayloads(taskIds) });

    public override async Task TasksWrittenAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct)
    {
        OnTasksWritten(taskIds);
        foreach (var payload in TaskPayloads(taskIds))
        {
            await NotifyAsync(payload, ct);
        }
    }

    private string[] TaskPayloads(IReadOnlyCollection<Guid> taskIds) =>
        [.. taskIds.Chunk(TaskIdsPerNotification).Select(chunk => $"t:{_sender}:" + string.Join(',', chunk.Select(id => id.ToString("D"))))];

    // In the router's transaction, like the results themselves: one statement whatever the number of chunks, and no
    // connection of its own to wait for.
    public override (string Sql, object Args)? CompletedStatement(IReadOnlyCollection<long> ids) =>
        ("SELECT pg_notify(@channel, p) FROM unnest(@payloads) AS p", new
        {
            channel = Channel,
            payloads = ids.Chunk(IdsPerNotification).Select(chunk => "c:" + string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)))).ToArray(),
        });

    // The command and its result are in the store whatever happens here: a signal that cannot be sent costs the
    // other Workers the wait until the router's next tick (or the request's time-out), nothing more.
    private async Task NotifyAsync(string payload, CancellationToken ct)
    {
        try
        {
            await _notifications.NotifyAsync(Channel, payload, ct);
        }
        catch (NpgsqlException ex)
        {
            _logger.LogWarning(ex, "Could not signal other Workers ({Payload}); they will see it at the router's next tick", payload);
        }
    }

    private void Received(string payload)
    {
        if (payload == "e")
        {
            OnEnqueued();
        }
        else if (payload.StartsWith("c:", StringComparison.Ordinal))
        {
            OnCompleted(payload[2..].Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)));
        }
        else if (payload.StartsWith("t:", StringComparison.Ordinal) && payload.IndexOf(':', 2) is > 2 and var end && payload[2..end] != _sender)
        {
            OnTasksWritten(payload[(end + 1)..].Split(',').Select(Guid.Parse));
        }
    }
}
