using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Chat;

/// <summary>Each agent's ACS chat identity (<c>agent_acs_identities</c>, migration 0008).</summary>
internal sealed class AgentChatIdentityStore(SqlDialect dialect)
{
    public async Task<string?> FindAsync(string agentId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT user_id FROM agent_acs_identities WHERE agent_id = @agentId", new { agentId }, cancellationToken: ct));
    }

    /// <summary>Keeps the first identity made for the agent; a Worker that lost the race gets the winner's.</summary>
    public async Task<string> KeepAsync(string agentId, string userId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO agent_acs_identities (agent_id, user_id, created_at) VALUES (@agentId, @userId, @at) ON CONFLICT (agent_id) DO NOTHING",
            new { agentId, userId, at }, cancellationToken: ct));
        return (await FindAsync(agentId, ct))!;
    }
}
