using System.Data.Common;
using System.Security.Cryptography;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.People.SignIn;

/// <summary>The <c>local_accounts</c> table (migration 0017).</summary>
internal sealed class LocalAccountStore
{
    private readonly SqlDialect _dialect;

    public LocalAccountStore(SqlDialect dialect)
    {
        DapperTypeHandlers.Register();
        _dialect = dialect;
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM local_accounts", cancellationToken: ct));
    }

    /// <summary>Adds the account with a fresh id; null when another account has that email already.</summary>
    public async Task<LocalAccount?> CreateAsync(string email, string displayName, string role, string passwordHash, DateTimeOffset at, CancellationToken ct)
    {
        var account = new LocalAccount(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), Normalize(email), displayName.Trim(), role, at, null);
        await using var connection = await _dialect.OpenAsync(ct);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO local_accounts (id, email, display_name, password_hash, role, created_at)
                VALUES (@Id, @Email, @DisplayName, @passwordHash, @Role, @CreatedAt)
                """,
                new { account.Id, account.Email, account.DisplayName, passwordHash, account.Role, account.CreatedAt }, cancellationToken: ct));
            return account;
        }
        catch (DbException ex) when (_dialect.IsConcurrencyConflict(ex))
        {
            return null;
        }
    }

    /// <summary>What a sign-in needs: the account, its hash and its lockout state.</summary>
    public async Task<Credentials?> FindByEmailAsync(string email, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"{Select} WHERE email = @email", new { email = Normalize(email) }, cancellationToken: ct));
        return row is null ? null : new Credentials(row.ToAccount(), row.PasswordHash, row.FailedSignIns, row.LockedUntil);
    }

    public async Task<LocalAccount?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE id = @id", new { id }, cancellationToken: ct)))?.ToAccount();
    }

    public async Task<IReadOnlyList<LocalAccount>> ListAsync(CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition($"{Select} ORDER BY created_at, id", cancellationToken: ct))).Select(r => r.ToAccount()).ToList();
    }

    /// <summary>Disables the account (its sessions end at their next request); false when there is no such account.</summary>
    public async Task<bool> DisableAsync(string id, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE local_accounts SET disabled_at = @at WHERE id = @id AND disabled_at IS NULL", new { id, at }, cancellationToken: ct));
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM local_accounts WHERE id = @id", new { id }, cancellationToken: ct)) > 0;
    }

    /// <summary>Counts a wrong password; the one that reaches <paramref name="limit"/> locks the account until <paramref name="lockedUntil"/>.</summary>
    public async Task RecordFailureAsync(string id, int limit, DateTimeOffset lockedUntil, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE local_accounts SET
                locked_until = CASE WHEN failed_sign_ins + 1 >= @limit THEN @lockedUntil ELSE locked_until END,
                failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= @limit THEN 0 ELSE failed_sign_ins + 1 END
            WHERE id = @id
            """,
            new { id, limit, lockedUntil }, cancellationToken: ct));
    }

    /// <summary>A right password: the count starts again; a hash made with older settings is replaced.</summary>
    public async Task RecordSuccessAsync(string id, string? newHash, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE local_accounts SET failed_sign_ins = 0, locked_until = NULL, password_hash = COALESCE(@newHash, password_hash) WHERE id = @id",
            new { id, newHash }, cancellationToken: ct));
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private const string Select = "SELECT id, email, display_name, password_hash, role, failed_sign_ins, locked_until, created_at, disabled_at FROM local_accounts";

    public sealed record Credentials(LocalAccount Account, string PasswordHash, int FailedSignIns, DateTimeOffset? LockedUntil);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string PasswordHash { get; set; } = "";
        public string Role { get; set; } = "";
        public int FailedSignIns { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? DisabledAt { get; set; }

        public LocalAccount ToAccount() => new(Id, Email, DisplayName, Role, CreatedAt, DisabledAt);
    }
}
