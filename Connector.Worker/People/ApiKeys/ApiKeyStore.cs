using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.People.ApiKeys;

/// <summary>Issued API keys (<c>api_keys</c>, migration 0015).</summary>
internal sealed class ApiKeyStore(SqlDialect dialect)
{
    public async Task InsertAsync(ApiKeyRecord key, string secretHash, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (id, name, role, agent_id, secret_hash, created_at) VALUES (@Id, @Name, @Role, @AgentId, @secretHash, @CreatedAt)",
            new { key.Id, key.Name, key.Role, key.AgentId, secretHash, key.CreatedAt }, cancellationToken: ct));
    }

    /// <summary>The key and its secret's hash, unless it is unknown or revoked.</summary>
    public async Task<(ApiKeyRecord Key, string SecretHash)?> FindActiveAsync(string id, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id, name, role, agent_id, secret_hash, created_at, revoked_at FROM api_keys WHERE id = @id AND revoked_at IS NULL", new { id }, cancellationToken: ct));
        return row is null ? null : (row.ToRecord(), row.SecretHash);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT id, name, role, agent_id, secret_hash, created_at, revoked_at FROM api_keys ORDER BY created_at, id", cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Revokes the key; false when there is no such key. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", new { id, at }, cancellationToken: ct));
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM api_keys WHERE id = @id", new { id }, cancellationToken: ct)) > 0;
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public string? AgentId { get; set; }
        public string SecretHash { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }

        public ApiKeyRecord ToRecord() => new(Id, Name, Role, AgentId, CreatedAt, RevokedAt);
    }
}
