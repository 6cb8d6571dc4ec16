using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.People.SignIn.Framed;

/// <summary>
/// The <c>sign_in_handoffs</c> table (migration 0019): the ids of the handoff codes already used, so that a code works
/// once across every Worker sharing the store. The primary key decides: of two Workers redeeming one code at once,
/// one inserts its id and the other inserts nothing.
/// </summary>
internal sealed class SignInHandoffStore
{
    /// <summary>Rows stay this long past their code's expiry, so that a Worker whose clock lags still finds them.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly SqlDialect _dialect;

    public SignInHandoffStore(SqlDialect dialect)
    {
        DapperTypeHandlers.Register();
        _dialect = dialect;
    }

    /// <summary>True for the first use of the code <paramref name="id"/>, false when it was used before.</summary>
    public async Task<bool> TryUseAsync(string id, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        // The ids of long-expired codes are worth nothing: such a code is refused as expired before its id is looked at.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_handoffs WHERE expires_at < @before", new { before = now - ClockSkew }, cancellationToken: ct));
        return await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sign_in_handoffs (id, expires_at) VALUES (@id, @expiresAt) ON CONFLICT (id) DO NOTHING",
            new { id, expiresAt }, cancellationToken: ct)) == 1;
    }
}
