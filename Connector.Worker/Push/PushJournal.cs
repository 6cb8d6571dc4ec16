using System.Data.Common;
using System.Text.Json;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Push;

/// <summary>
/// The streams' numbered journals (<c>push_streams</c>, <c>push_journal</c>). Numbers are handed out under the
/// stream's row lock in the writing transaction, so one stream's numbers are committed in order: whoever sees
/// number n committed can read every number before it.
/// </summary>
internal sealed class PushJournal(SqlDialect dialect, TimeProvider time)
{
    public const int ReadBatch = 500;

    // Rows per multi-row statement: a few parameters each, far below either database's limit.
    private const int RowsPerStatement = 500;

    /// <summary>Numbers and writes the notices in the caller's transaction; what to deliver once it commits.</summary>
    public async Task<IReadOnlyList<PushEntry>> AppendAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<PushNotice> notices, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return [];
        }

        var at = time.GetUtcNow();
        // Streams are locked in one order by every writer (the rows of one statement are taken in the order listed), so
        // two transactions never wait for each other in a circle. One statement whatever the number of streams: a router
        // cycle that offers to hundreds of agents holds their rows for one round trip, not hundreds.
        var streams = notices.GroupBy(n => n.Stream, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in streams.Chunk(RowsPerStatement))
        {
            var args = new DynamicParameters();
            var values = string.Join(", ", chunk.Select((stream, i) =>
            {
                args.Add($"s{i}", stream.Key);
                args.Add($"c{i}", (long)stream.Count());
                return $"(@s{i}, @c{i})";
            }));
            foreach (var (stream, lastSeq) in await connection.QueryAsync<(string, long)>(new CommandDefinition(
                $"""
                INSERT INTO push_streams (stream, last_seq) VALUES {values}
                ON CONFLICT (stream) DO UPDATE SET last_seq = push_streams.last_seq + excluded.last_seq
                RETURNING stream, last_seq
                """,
                args, tx, cancellationToken: ct)))
            {
                last[stream] = lastSeq;
            }
        }

        var entries = new List<PushEntry>(notices.Count);
        foreach (var stream in streams)
        {
            var seq = last[stream.Key] - stream.Count();
            foreach (var notice in stream)
            {
                entries.Add(new PushEntry(stream.Key, ++seq, notice.Type, JsonSerializer.Serialize(notice.Data, notice.Data.GetType(), JsonSerializerOptions.Web), at));
            }
        }

        foreach (var chunk in entries.Chunk(RowsPerStatement))
        {
            var args = new DynamicParameters();
            args.Add("at", at);
            var values = string.Join(", ", chunk.Select((entry, i) =>
            {
                args.Add($"s{i}", entry.Stream);
                args.Add($"q{i}", entry.Seq);
                args.Add($"t{i}", entry.Type);
                args.Add($"d{i}", entry.Data);
                return $"(@s{i}, @q{i}, @t{i}, @d{i}, @at)";
            }));
            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO push_journal (stream, seq, type, payload, at) VALUES {values}", args, tx, cancellationToken: ct));
        }

        return entries;
    }

    /// <summary>The stream's messages after <paramref name="afterSeq"/>, in order, at most <see cref="ReadBatch"/>.</summary>
    public async Task<IReadOnlyList<PushEntry>> ReadAfterAsync(string stream, long afterSeq, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(
            $"SELECT stream, seq, type, payload, at FROM push_journal WHERE stream = @stream AND seq > @afterSeq ORDER BY seq LIMIT {ReadBatch}",
            new { stream, afterSeq }, cancellationToken: ct));
        return rows.Select(r => new PushEntry(r.Stream, r.Seq, r.Type, r.Payload, r.At)).ToList();
    }

    /// <summary>The last number handed out in each of the streams (0 for a stream with none yet).</summary>
    public async Task<IReadOnlyDictionary<string, long>> LastSeqsAsync(IReadOnlyCollection<string> streams, CancellationToken ct)
    {
        if (streams.Count == 0)
        {
            return new Dictionary<string, long>();
        }

        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Stream, long LastSeq)>(new CommandDefinition(
            $"SELECT stream, last_seq FROM push_streams WHERE {dialect.In("stream", "streams")}", new { streams = streams.ToArray() }, cancellationToken: ct));
        var last = streams.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        foreach (var (stream, lastSeq) in rows)
        {
            last[stream] = lastSeq;
        }

        return last;
    }

    /// <summary>
    /// Each stream's client has everything up to its number: those rows may go (<see cref="PruneAsync"/>). A number
    /// past the last handed out, or below one already written, changes nothing.
    /// </summary>
    public async Task AckAsync(IReadOnlyDictionary<string, long> acks, CancellationToken ct)
    {
        if (acks.Count == 0)
        {
            return;
        }

        await using var connection = await dialect.OpenAsync(ct);
        foreach (var chunk in acks.OrderBy(a => a.Key, StringComparer.Ordinal).Chunk(RowsPerStatement))
        {
            var args = new DynamicParameters();
            var values = string.Join(", ", chunk.Select((ack, i) =>
            {
                args.Add($"s{i}", ack.Key);
                args.Add($"q{i}", ack.Value);
                return $"(@s{i}, @q{i})";
            }));
            await connection.ExecuteAsync(new CommandDefinition(
                // Reads the streams' rows without locking them, writes rows of their own. Both stores name a VALUES
                // list's columns column1, column2; the WHERE keeps SQLite from reading ON CONFLICT as a join's ON.
                $"""
                INSERT INTO push_acks (stream, acked_seq)
                SELECT s.stream, v.column2 FROM (VALUES {values}) v, push_streams s
                WHERE s.stream = v.column1 AND v.column2 <= s.last_seq
                ON CONFLICT (stream) DO UPDATE SET acked_seq = excluded.acked_seq WHERE push_acks.acked_seq < excluded.acked_seq
                """,
                args, cancellationToken: ct));
        }
    }

    /// <summary>Deletes what is older than <paramref name="before"/>, and what a client acknowledged and is older than <paramref name="ackedBefore"/>.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, DateTimeOffset ackedBefore, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM push_journal
            WHERE at < @before
               OR (at < @ackedBefore AND seq <= (SELECT a.acked_seq FROM push_acks a WHERE a.stream = push_journal.stream))
            """,
            new { before, ackedBefore }, cancellationToken: ct));
    }

    private sealed class EntryRow
    {
        public string Stream { get; set; } = "";
        public long Seq { get; set; }
        public string Type { get; set; } = "";
        public string Payload { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }
}
