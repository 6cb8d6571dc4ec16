using System.Data.Common;
using System.Text.Json;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Audit;

/// <summary>
/// Writes and reads the audit log. A write that goes with a change takes that change's connection and transaction,
/// so the change and its audit line commit together or not at all.
/// </summary>
internal sealed class AuditLog(SqlDialect dialect, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task WriteAsync(string actor, string kind, string? subject, object detail, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await WriteAsync(connection, null, actor, kind, subject, detail, ct);
    }

    public Task WriteAsync(DbConnection connection, DbTransaction? transaction, string actor, string kind, string? subject, object detail, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (at, actor, kind, subject, detail) VALUES (@at, @actor, @kind, @subject, @detail)",
            new { at = time.GetUtcNow(), actor, kind, subject, detail = JsonSerializer.Serialize(detail, Json) }, transaction, cancellationToken: ct));

    /// <summary>Newest first; <paramref name="before"/> is the id of the last entry of the previous page (keyset paging).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, long? before, int limit, CancellationToken ct)
    {
        var where = new List<string>();
        if (query.Kind is not null)
        {
            where.Add("kind = @Kind");
        }

        if (query.Actor is not null)
        {
            where.Add("actor = @Actor");
        }

        if (query.Subject is not null)
        {
            where.Add("subject = @Subject");
        }

        if (query.From is not null)
        {
            where.Add("at >= @From");
        }

        if (query.To is not null)
        {
            where.Add("at < @To");
        }

        if (before is not null)
        {
            where.Add("id < @before");
        }

        var sql = $"SELECT id, at, actor, kind, subject, detail FROM audit_log {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))} ORDER BY id DESC LIMIT @limit";
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql,
            new { query.Kind, query.Actor, query.Subject, query.From, query.To, before, limit }, cancellationToken: ct));
        return [.. rows.Select(r => new AuditEntry(r.Id, r.At, r.Actor, r.Kind, r.Subject, JsonDocument.Parse(r.Detail).RootElement.Clone()))];
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public DateTimeOffset At { get; set; }
        public string Actor { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Subject { get; set; }
        public string Detail { get; set; } = "{}";
    }
}

/// <summary>The filters of <c>GET /api/audit</c>; each one given narrows the list.</summary>
internal sealed record AuditQuery(string? Kind, string? Actor, string? Subject, DateTimeOffset? From, DateTimeOffset? To);
