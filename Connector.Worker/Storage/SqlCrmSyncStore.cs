using Connector.Core.Outbox;
using Connector.Worker.Storage.Rows;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>
/// What the CRM sync needs of the store beyond the outbox port: scheduled retries with their own lease, the
/// waiting work of one conversation (to fold it into the interaction's batch), customers' CRM records, and the
/// candidates of an ambiguous contact search.
/// </summary>
internal sealed class SqlCrmSyncStore
{
    private readonly SqlDialect _dialect;

    public SqlCrmSyncStore(SqlDialect dialect)
    {
        DapperTypeHandlers.Register();
        _dialect = dialect;
    }

    /// <summary>
    /// Keeps the error and when the row's job tries again: <c>next_attempt_at</c> shows the wait, and the lease runs
    /// a little past it so the dispatcher hands the row out again only if the scheduled job was lost.
    /// </summary>
    public async Task DeferAsync(long id, string failure, DateTimeOffset retryAt, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE outbox SET last_error = @failure, state = 'pending', next_attempt_at = @retryAt, lease_until = @leaseUntil
            WHERE id = @id AND state <> 'done'
            """,
            new { id, failure, retryAt, leaseUntil }, cancellationToken: ct));
    }

    /// <summary>Takes the row for this job's CRM write until <paramref name="until"/>; false when another job holds it.</summary>
    public async Task<bool> TryTakeAsync(long id, DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET taken_until = @until WHERE id = @id AND state = 'pending' AND (taken_until IS NULL OR taken_until <= @now)",
            new { id, now, until }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> other due rows of <paramref name="kind"/> that no job holds, counting an
    /// attempt on each, so one batch call can carry them.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> TakeDueAsync(string kind, long exceptId, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"""
            UPDATE outbox SET taken_until = @until, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM outbox
                WHERE kind = @kind AND state = 'pending' AND id <> @exceptId AND next_attempt_at <= @now AND (taken_until IS NULL OR taken_until <= @now)
                ORDER BY id LIMIT @max{(_dialect is PostgresDialect ? " FOR UPDATE SKIP LOCKED" : "")})
            RETURNING id, kind, idempotency_key, customer_id, conversation_id, subject_id, state, attempts, created_at, next_attempt_at, completed_at, last_error, payload
            """,
            new { kind, exceptId, now, until, max }, cancellationToken: ct));
        return rows.Select(RowMapping.ToOutbox).OrderBy(m => m.Id).ToList();
    }

    public async Task ReleaseAsync(long id, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE outbox SET taken_until = NULL WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The conversation's pending rows of one kind, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(Guid conversationId, string kind, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            "SELECT * FROM outbox WHERE conversation_id = @conversationId AND kind = @kind AND state = 'pending' ORDER BY id",
            new { conversationId, kind }, cancellationToken: ct));
        return rows.Select(RowMapping.ToOutbox).ToList();
    }

    /// <summary>Ties the customer to their CRM record; false when the customer or the record is already tied elsewhere.</summary>
    public async Task<bool> AddCrmRefAsync(Guid customerId, string crm, string recordId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO customer_crm_refs (crm, record_id, customer_id, created_at) VALUES (@crm, @recordId, @customerId, @at)
            ON CONFLICT DO NOTHING
            """,
            new { crm, recordId, customerId, at }, cancellationToken: ct)) == 1;
    }

    /// <summary>Keeps the candidates of an ambiguous search (JSON) for the agent, replacing older ones.</summary>
    public async Task SaveCandidatesAsync(string crm, Guid customerId, string candidates, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm_contact_candidates (crm, customer_id, candidates, found_at) VALUES (@crm, @customerId, @candidates, @at)
            ON CONFLICT (crm, customer_id) DO UPDATE SET candidates = excluded.candidates, found_at = excluded.found_at
            """,
            new { crm, customerId, candidates, at }, cancellationToken: ct));
    }

    public async Task<string?> GetCandidatesAsync(string crm, Guid customerId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT candidates FROM crm_contact_candidates WHERE crm = @crm AND customer_id = @customerId", new { crm, customerId }, cancellationToken: ct));
    }

    public async Task ClearCandidatesAsync(string crm, Guid customerId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM crm_contact_candidates WHERE crm = @crm AND customer_id = @customerId", new { crm, customerId }, cancellationToken: ct));
    }
}
