using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Connector.Load;

/// <summary>
/// What the Worker committed, read from its store after the run (PostgreSQL, or the SQLite file read-only): the
/// timeline entries of the tool's messages, the routing tasks, their first offer, and the outbox rows.
/// </summary>
public sealed class StoreReadback(Func<DbConnection> open)
{
    public static StoreReadback Postgres(string connectionString) => new(() => new NpgsqlConnection(connectionString));

    public static StoreReadback Sqlite(string databaseFile) =>
        new(() => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly }.ToString()));

    public sealed record TaskRow(string Id, string ConversationId, string Channel, DateTimeOffset CreatedAt, string State);

    /// <summary>A call the Worker answered: its conversation and its routing task, once it has them.</summary>
    public sealed record CallRow(string? ConversationId, string? TaskId);

    public sealed record Contents(
        IReadOnlyDictionary<string, string> ConversationBySource,
        IReadOnlyDictionary<string, DateTimeOffset> IntakeAtBySource,
        IReadOnlyDictionary<string, CallRow> CallsByConnection,
        IReadOnlyDictionary<(string Conversation, string Channel), List<TaskRow>> Tasks,
        IReadOnlyDictionary<string, DateTimeOffset> FirstOfferAt,
        IReadOnlyList<DateTimeOffset> OutboxCreatedAt);

    public async Task<Contents> ReadAsync(CancellationToken ct)
    {
        await using var connection = open();
        await connection.OpenAsync(ct);
        var conversationBySource = new Dictionary<string, string>(StringComparer.Ordinal);
        var intakeAtBySource = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(connection, "SELECT source_event_id, conversation_id, id FROM timeline_events WHERE source_event_id IS NOT NULL", ct))
        {
            conversationBySource[Text(row[0])] = Text(row[1]);
            intakeAtBySource[Text(row[0])] = Version7Time(Text(row[2]));
        }

        var calls = new Dictionary<string, CallRow>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(connection, "SELECT call_connection_id, conversation_id, task_id FROM voice_calls WHERE call_connection_id IS NOT NULL", ct))
        {
            calls[Text(row[0])] = new CallRow(row[1] is DBNull ? null : Text(row[1]), row[2] is DBNull ? null : Text(row[2]));
        }

        var tasks = new Dictionary<(string, string), List<TaskRow>>();
        await foreach (var row in QueryAsync(connection, "SELECT id, conversation_id, channel, created_at, state FROM routing_tasks", ct))
        {
            var task = new TaskRow(Text(row[0]), Text(row[1]), Text(row[2]), Time(row[3]), Text(row[4]));
            var key = (task.ConversationId, task.Channel);
            if (!tasks.TryGetValue(key, out var list))
            {
                tasks[key] = list = [];
            }

            list.Add(task);
        }

        foreach (var list in tasks.Values)
        {
            list.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        }

        // The router writes outcome 'offered', or 'assigned (auto-accept)' when the channel accepts on the agent's behalf.
        var firstOffer = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(connection, "SELECT task_id, at FROM routing_decisions WHERE outcome = 'offered' OR outcome LIKE 'assigned%'", ct))
        {
            var (task, at) = (Text(row[0]), Time(row[1]));
            if (!firstOffer.TryGetValue(task, out var earlier) || at < earlier)
            {
                firstOffer[task] = at;
            }
        }

        var outbox = new List<DateTimeOffset>();
        await foreach (var row in QueryAsync(connection, "SELECT created_at FROM outbox", ct))
        {
            outbox.Add(Time(row[0]));
        }

        return new Contents(conversationBySource, intakeAtBySource, calls, tasks, firstOffer, outbox);
    }

    private static async IAsyncEnumerable<object[]> QueryAsync(DbConnection connection, string sql, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            yield return values;
        }
    }

    /// <summary>
    /// When intake wrote the entry: its id is a version 7 UUID (Guid.CreateVersion7 in the intake transaction), whose
    /// first 48 bits are the Unix time in milliseconds. An email has no webhook answer to tell its turn from a later
    /// mail's of the same conversation; this does.
    /// </summary>
    private static DateTimeOffset Version7Time(string id) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(id.Replace("-", "", StringComparison.Ordinal)[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>PostgreSQL gives uuids as Guid; SQLite keeps them as text (lower-case "D" format).</summary>
    private static string Text(object value) => value switch
    {
        Guid g => g.ToString("D"),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>PostgreSQL gives timestamptz as a UTC DateTime; SQLite keeps ISO-8601 text in UTC.</summary>
    private static DateTimeOffset Time(object value) => value switch
    {
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        DateTimeOffset d => d.ToUniversalTime(),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidOperationException($"Cannot read a time from {value.GetType().Name}."),
    };
}
