using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Chat;

/// <summary>The connector's ACS chat identity and the visitors' threads.</summary>
internal sealed class ChatSessionStore(SqlDialect dialect)
{
    public async Task<string?> FindServiceUserAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT user_id FROM acs_service_identities WHERE role = 'chat'", cancellationToken: ct));
    }

    /// <summary>Keeps the first identity created; a Worker that lost the race gets the winner's.</summary>
    public async Task<string> KeepServiceUserAsync(string userId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO acs_service_identities (role, user_id, created_at) VALUES ('chat', @userId, @at) ON CONFLICT (role) DO NOTHING",
            new { userId, at }, cancellationToken: ct));
        return (await FindServiceUserAsync(ct))!;
    }

    /// <param name="visitorKeyHash">The SHA-256 of the key the visitor got with the session (<see cref="ChatVisitorKey"/>).</param>
    public async Task AddSessionAsync(string threadId, string visitorUserId, string visitorKeyHash, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO chat_sessions (thread_id, visitor_user_id, visitor_key_hash, created_at) VALUES (@threadId, @visitorUserId, @visitorKeyHash, @at)",
            new { threadId, visitorUserId, visitorKeyHash, at }, cancellationToken: ct));
    }

    /// <summary>The visitor of a thread.</summary>
    public async Task<string?> FindVisitorAsync(string threadId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT visitor_user_id FROM chat_sessions WHERE thread_id = @threadId", new { threadId }, cancellationToken: ct));
    }

    /// <summary>The stored hash of the thread's visitor key; null for an unknown thread or one made before keys (migration 0020).</summary>
    public async Task<string?> FindVisitorKeyHashAsync(string threadId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT visitor_key_hash FROM chat_sessions WHERE thread_id = @threadId", new { threadId }, cancellationToken: ct));
    }

    /// <summary>The latest thread of any of these visitor identities.</summary>
    public async Task<string?> FindThreadAsync(IReadOnlyCollection<string> visitorUserIds, CancellationToken ct)
    {
        if (visitorUserIds.Count == 0)
        {
            return null;
        }

        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            $"SELECT thread_id FROM chat_sessions WHERE {dialect.In("visitor_user_id", "ids")} ORDER BY created_at DESC LIMIT 1",
            new { ids = visitorUserIds.ToArray() }, cancellationToken: ct));
    }
}
