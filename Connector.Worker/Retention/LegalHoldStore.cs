using Connector.Worker.Audit;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Retention;

/// <summary>Legal holds, each set or lifted together with its audit line (one transaction).</summary>
internal sealed class LegalHoldStore(SqlDialect dialect, AuditLog audit)
{
    /// <summary>Sets or replaces the hold (a new reason, who, when).</summary>
    public async Task<LegalHold> SetAsync(LegalHold hold, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO legal_holds (subject_kind, subject_id, reason, set_by, set_at) VALUES (@SubjectKind, @SubjectId, @Reason, @SetBy, @SetAt)
            ON CONFLICT (subject_kind, subject_id) DO UPDATE SET reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at
            """, hold, tx, cancellationToken: ct));
        await audit.WriteAsync(connection, tx, hold.SetBy, AuditKinds.LegalHoldSet, $"{hold.SubjectKind}:{hold.SubjectId}", new { hold.Reason }, ct);
        await tx.CommitAsync(ct);
        return hold;
    }

    /// <summary>False when there was no hold to lift.</summary>
    public async Task<bool> RemoveAsync(string subjectKind, Guid subjectId, string actor, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM legal_holds WHERE subject_kind = @subjectKind AND subject_id = @subjectId", new { subjectKind, subjectId }, tx, cancellationToken: ct));
        if (removed == 0)
        {
            return false;
        }

        await audit.WriteAsync(connection, tx, actor, AuditKinds.LegalHoldRemoved, $"{subjectKind}:{subjectId}", new { }, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The held customers and conversations, read once per purge run (holds are few).</summary>
    public async Task<(HashSet<Guid> Customers, HashSet<Guid> Conversations)> ListAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = (await connection.QueryAsync<HoldRow>(new CommandDefinition("SELECT subject_kind, subject_id FROM legal_holds", cancellationToken: ct))).ToList();
        return ([.. rows.Where(r => r.SubjectKind == LegalHold.Customer).Select(r => r.SubjectId)],
            [.. rows.Where(r => r.SubjectKind == LegalHold.Conversation).Select(r => r.SubjectId)]);
    }

    /// <summary>The identity values (phone numbers without their +, emails, chat ids) of the held customers and of held conversations' customers.</summary>
    public async Task<IReadOnlyList<string>> IdentitiesAsync((HashSet<Guid> Customers, HashSet<Guid> Conversations) held, CancellationToken ct)
    {
        if (held.Customers.Count == 0 && held.Conversations.Count == 0)
        {
            return [];
        }

        await using var connection = await dialect.OpenAsync(ct);
        var values = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT i.value FROM customer_identities i WHERE {dialect.In("i.customer_id", "customers")} "
            + $"OR i.customer_id IN (SELECT c.customer_id FROM conversations c WHERE {dialect.In("c.id", "conversations")})",
            new { customers = dialect.IdList(held.Customers), conversations = dialect.IdList(held.Conversations) }, cancellationToken: ct));
        // A webhook body writes a WhatsApp number with or without its +.
        return [.. values.Select(v => v.TrimStart('+')).Where(v => v.Length >= 5).Distinct()];
    }

    private sealed class HoldRow
    {
        public string SubjectKind { get; set; } = "";
        public Guid SubjectId { get; set; }
    }
}
