using System.Data.Common;
using Connector.Core.Outbox;
using Connector.Worker.Push.Messages;
using Connector.Worker.Storage.Rows;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>
/// What the CRM sync needs of the store beyond the outbox port: scheduled retries with their own lease, the
/// waiting work of one conversation (to fold it into the interaction's batch), customers' CRM records, and the
/// candidates of an ambiguous contact search. What the agent panel is told of the contact and of the logged
/// activity is written in the same transaction as the link it reports (<see cref="IChangeNotices"/>).
/// </summary>
internal sealed class SqlCrmSyncStore
{
    private readonly SqlDialect _dialect;
    private readonly IChangeNotices? _notices;

    /// <param name="notices">What agents are told of their customers' CRM contact and activities; null: nobody.</param>
    public SqlCrmSyncStore(SqlDialect dialect, IChangeNotices? notices = null)
    {
        DapperTypeHandlers.Register();
        _dialect = dialect;
        _notices = notices;
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
            RETURNING id, kind, idempotency_key, customer_id, conversation_id, subject_id, state, attempts, created_at, next_attempt_at, completed_at, last_error, payload, trace_parent
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

    /// <summary>
    /// Keeps the candidates of an ambiguous search (JSON) for the agent, replacing older ones; the agents holding the
    /// customer's work are told when the candidates are new or changed (a repeated search finding the same is no news).
    /// </summary>
    public async Task SaveCandidatesAsync(string crm, Guid customerId, string candidates, DateTimeOffset at, CrmContactChanged notice, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT candidates FROM crm_contact_candidates WHERE crm = @crm AND customer_id = @customerId", new { crm, customerId }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm_contact_candidates (crm, customer_id, candidates, found_at) VALUES (@crm, @customerId, @candidates, @at)
            ON CONFLICT (crm, customer_id) DO UPDATE SET candidates = excluded.candidates, found_at = excluded.found_at
            """,
            new { crm, customerId, candidates, at }, tx, cancellationToken: ct));
        var deliver = _notices is null || before == candidates ? null : await _notices.CrmContactChangedAsync(connection, tx, notice, ct);
        await tx.CommitAsync(ct);
        if (deliver is not null)
        {
            await deliver();
        }
    }

    public async Task<string?> GetCandidatesAsync(string crm, Guid customerId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT candidates FROM crm_contact_candidates WHERE crm = @crm AND customer_id = @customerId", new { crm, customerId }, cancellationToken: ct));
    }

    /// <summary>
    /// Links the customer's CRM contact (<c>crm_links</c> under <paramref name="link"/>'s key) in one transaction with
    /// what follows from it: the customer's CRM record, the end of the candidates, the customer's CRM work that waits
    /// for a retry made due now (an interaction held back for want of a contact goes ahead at once), and the notice to
    /// the agents holding the customer's work. A link already there wins and nothing is written.
    /// </summary>
    /// <param name="exclusive">
    /// Refuse (write nothing) when the customer already has another record of this CRM or the record is another
    /// customer's: an agent's pick must hold as picked. The sync keeps its link and only logs that case.
    /// </param>
    public async Task<ContactLinkResult> LinkContactAsync(CrmLink link, Guid customerId, CrmContactChanged notice, bool exclusive, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await InsertLinkAsync(connection, tx, link, ct))
        {
            var stored = await StoredLinkAsync(connection, tx, link, ct);
            await tx.RollbackAsync(ct);
            return new(stored.RecordId == link.RecordId ? ContactLinkOutcome.AlreadyThis : ContactLinkOutcome.AlreadyAnother, stored);
        }

        var refArgs = new { crm = link.Crm, recordId = link.RecordId, customerId, at = link.CreatedAt };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO customer_crm_refs (crm, record_id, customer_id, created_at) VALUES (@crm, @recordId, @customerId, @at)
            ON CONFLICT DO NOTHING
            """,
            refArgs, tx, cancellationToken: ct));
        // Already there for this very customer (the CRM host named it at intake) is as good as added.
        var refAdded = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM customer_crm_refs WHERE crm = @crm AND record_id = @recordId AND customer_id = @customerId", refArgs, tx, cancellationToken: ct)) == 1;
        if (!refAdded && exclusive)
        {
            await tx.RollbackAsync(ct);
            return new(ContactLinkOutcome.RefTaken, link);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM crm_contact_candidates WHERE crm = @crm AND customer_id = @customerId", new { crm = link.Crm, customerId }, tx, cancellationToken: ct));
        // Only rows waiting for a later try: a row whose job runs now keeps its lease, so no second job joins it.
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE outbox SET next_attempt_at = @now, lease_until = NULL
            WHERE customer_id = @customerId AND state = 'pending' AND next_attempt_at > @now AND {_dialect.In("kind", "kinds")}
            """,
            new { customerId, now = link.CreatedAt, kinds = new[] { OutboxKind.InteractionSync, OutboxKind.CrmAttach } }, tx, cancellationToken: ct));
        var deliver = _notices is null ? null : await _notices.CrmContactChangedAsync(connection, tx, notice, ct);
        await tx.CommitAsync(ct);
        if (deliver is not null)
        {
            await deliver();
        }

        return new(refAdded ? ContactLinkOutcome.Linked : ContactLinkOutcome.LinkedWithoutRef, link);
    }

    /// <summary>
    /// Records the link of a wrapped-up task's activity and, when it is new, tells <paramref name="agentId"/> (who wrapped
    /// it up) in the same transaction; a link already there wins.
    /// </summary>
    public async Task<CrmLink> RecordActivityAsync(CrmLink link, string agentId, CrmActivityWritten notice, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var deliver = await InsertLinkAsync(connection, tx, link, ct) && _notices is not null
            ? await _notices.CrmActivityWrittenAsync(connection, tx, agentId, notice, ct)
            : null;
        var stored = await StoredLinkAsync(connection, tx, link, ct);
        await tx.CommitAsync(ct);
        if (deliver is not null)
        {
            await deliver();
        }

        return stored;
    }

    private static async Task<bool> InsertLinkAsync(DbConnection connection, DbTransaction tx, CrmLink link, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm_links (crm, idempotency_key, record_type, record_id, created_at)
            VALUES (@Crm, @IdempotencyKey, @RecordType, @RecordId, @CreatedAt)
            ON CONFLICT (crm, idempotency_key) DO NOTHING
            """,
            link, tx, cancellationToken: ct)) == 1;

    private static async Task<CrmLink> StoredLinkAsync(DbConnection connection, DbTransaction tx, CrmLink link, CancellationToken ct) =>
        RowMapping.ToCrmLink(await connection.QuerySingleAsync<CrmLinkRow>(new CommandDefinition(
            "SELECT * FROM crm_links WHERE crm = @Crm AND idempotency_key = @IdempotencyKey", link, tx, cancellationToken: ct)));
}
