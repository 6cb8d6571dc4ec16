using System.Security.Claims;
using Connector.Core.Routing;
using Connector.Core.Storage;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.People;

/// <summary>
/// Which work a principal may see, past the role their endpoint requires: admins see everything; supervisors the
/// work of the queues they supervise (<see cref="Person.Supervises"/>); agents the tasks offered or given to them and
/// the conversations and customers of those tasks, held now or before.
/// </summary>
internal sealed class WorkAccess(SqlDialect dialect, PeopleStore people)
{
    /// <summary>The queues a supervisor watches; null for an admin (all of them); empty for anyone else.</summary>
    public async Task<IReadOnlySet<string>?> SupervisedQueuesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return null;
        }

        if (!user.IsInRole(Roles.Supervisor) || user.FindFirstValue(ConnectorClaims.AgentId) is not { } agentId)
        {
            return new HashSet<string>();
        }

        return (await people.GetAsync(agentId, ct))?.Supervises.ToHashSet(StringComparer.Ordinal) ?? [];
    }

    public async Task<bool> CanSeeTaskAsync(ClaimsPrincipal user, RoutingTask task, CancellationToken ct) =>
        (await TaskFilterAsync(user, ct))(task);

    /// <summary>The tasks the principal may see, as a test to run over a list (the supervisor's queues read once).</summary>
    public async Task<Func<RoutingTask, bool>> TaskFilterAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var agentId = user.FindFirstValue(ConnectorClaims.AgentId);
        var queues = await SupervisedQueuesAsync(user, ct);
        return task => queues is null
            || (agentId is not null && task.AssignedAgentId == agentId)
            || (task.Queue is { } queue && queues.Contains(queue));
    }

    /// <summary>The same test as <see cref="TaskFilterAsync"/>, for the store to apply in SQL (lists read a page, not everything).</summary>
    public async Task<WorkScope> TaskScopeAsync(ClaimsPrincipal user, CancellationToken ct) =>
        await SupervisedQueuesAsync(user, ct) is { } queues ? new WorkScope(user.FindFirstValue(ConnectorClaims.AgentId), [.. queues]) : WorkScope.Everything;

    public Task<bool> CanSeeConversationAsync(ClaimsPrincipal user, Guid conversationId, CancellationToken ct) =>
        CanSeeWorkOfAsync(user, "conversation_id", conversationId, ct);

    public Task<bool> CanSeeCustomerAsync(ClaimsPrincipal user, Guid customerId, CancellationToken ct) =>
        CanSeeWorkOfAsync(user, "customer_id", customerId, ct);

    /// <summary>Whether the agent holds the conversation now: a task of it is theirs, accepted and not yet finished.</summary>
    public async Task<bool> HoldsConversationAsync(string agentId, Guid conversationId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM routing_tasks WHERE conversation_id = @conversationId AND assigned_agent_id = @agentId AND state IN ('assigned', 'wrap_up')",
            new { conversationId, agentId }, cancellationToken: ct)) > 0;
    }

    private async Task<bool> CanSeeWorkOfAsync(ClaimsPrincipal user, string column, Guid id, CancellationToken ct)
    {
        var queues = await SupervisedQueuesAsync(user, ct);
        if (queues is null)
        {
            return true;
        }

        var agentId = user.FindFirstValue(ConnectorClaims.AgentId);
        if (agentId is null && queues.Count == 0)
        {
            return false;
        }

        // Declined or withdrawn offers leave no trace here: the task then names its next agent.
        await using var connection = await dialect.OpenAsync(ct);
        var sql = $"""
            SELECT COUNT(*) FROM routing_tasks WHERE {column} = @id
            AND ((assigned_agent_id = @agentId AND state IN ('offered', 'assigned', 'wrap_up', 'completed')) OR {dialect.In("queue", "queues")})
            """;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { id, agentId, queues = queues.ToArray() }, cancellationToken: ct)) > 0;
    }
}
