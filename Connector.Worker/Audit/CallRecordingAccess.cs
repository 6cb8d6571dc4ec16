using System.Security.Claims;
using Connector.Worker.People;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Audit;

/// <summary>
/// Who may play a call's recording or read its transcript: narrower than seeing the conversation. Admins; the agent
/// who handled a call of the conversation (took its voice task: assigned, wrapping up or completed, not merely
/// offered); the supervisors of the queue that call's task was in. An agent who only handled a chat of the same
/// conversation may not.
/// </summary>
internal sealed class CallRecordingAccess(SqlDialect dialect, WorkAccess access)
{
    public async Task<bool> MayHearAsync(ClaimsPrincipal user, Guid conversationId, CancellationToken ct)
    {
        var queues = await access.SupervisedQueuesAsync(user, ct);
        if (queues is null)
        {
            return true;
        }

        var agentId = user.FindFirstValue(ConnectorClaims.AgentId);
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            SELECT COUNT(*) FROM routing_tasks WHERE conversation_id = @conversationId AND channel = 'voice'
            AND ((assigned_agent_id = @agentId AND state IN ('assigned', 'wrap_up', 'completed')) OR {dialect.In("queue", "queues")})
            """, new { conversationId, agentId, queues = queues.ToArray() }, cancellationToken: ct)) > 0;
    }
}
