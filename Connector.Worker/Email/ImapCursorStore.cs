using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Email;

/// <summary>Keeps, per mailbox folder, how far the IMAP poll has read (table <c>imap_cursors</c>).</summary>
internal sealed class ImapCursorStore
{
    private readonly SqlDialect _dialect;

    public ImapCursorStore(SqlDialect dialect)
    {
        DapperTypeHandlers.Register();
        _dialect = dialect;
    }

    public async Task<ImapCursor?> GetAsync(string account, string folder, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ImapCursor>(new CommandDefinition(
            "SELECT uid_validity AS UidValidity, last_uid AS LastUid FROM imap_cursors WHERE account = @account AND folder = @folder",
            new { account, folder }, cancellationToken: ct));
    }

    /// <summary>
    /// Moves the cursor to <paramref name="lastUid"/>; within one UIDVALIDITY it only moves forward, so that a slower
    /// overlapping poll cannot send it back. A new UIDVALIDITY always replaces the old cursor.
    /// </summary>
    public async Task AdvanceAsync(string account, string folder, long uidValidity, long lastUid, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO imap_cursors (account, folder, uid_validity, last_uid, updated_at)
            VALUES (@account, @folder, @uidValidity, @lastUid, @at)
            ON CONFLICT (account, folder) DO UPDATE
            SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = excluded.updated_at
            WHERE imap_cursors.uid_validity <> excluded.uid_validity OR imap_cursors.last_uid < excluded.last_uid
            """,
            new { account, folder, uidValidity, lastUid, at }, cancellationToken: ct));
    }
}
