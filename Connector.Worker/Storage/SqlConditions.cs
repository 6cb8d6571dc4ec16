using Dapper;

namespace Connector.Worker.Storage;

/// <summary>
/// The WHERE of a filtered list, built from the filters a request set (each with its parameters), so that one SQL text
/// serves every combination and the database, not the Worker, leaves out what was not asked for.
/// </summary>
internal sealed class SqlConditions
{
    private readonly List<string> _conditions = [];

    public DynamicParameters Parameters { get; } = new();

    /// <summary>Adds <paramref name="condition"/> (ANDed with the others) with the parameters it names.</summary>
    public SqlConditions Add(string condition, object? parameters = null)
    {
        _conditions.Add(condition);
        if (parameters is not null)
        {
            Parameters.AddDynamicParams(parameters);
        }

        return this;
    }

    /// <summary>Adds <paramref name="condition"/> only when the filter is set.</summary>
    public SqlConditions AddIf(bool set, string condition, object? parameters = null) => set ? Add(condition, parameters) : this;

    /// <summary><c>WHERE a AND b…</c>, or nothing when no filter is set.</summary>
    public string Where => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions.Select(c => $"({c})"));

    /// <summary>
    /// What <paramref name="scope"/> may see of <c>routing_tasks</c> (aliased <paramref name="table"/>): the tasks given
    /// to its agent and those of its queues; nothing is added for everything.
    /// </summary>
    public SqlConditions Scope(SqlDialect dialect, Connector.Core.Storage.WorkScope scope, string table = "routing_tasks")
    {
        if (scope.Queues is not { } queues)
        {
            return this;
        }

        return Add($"{table}.assigned_agent_id = @scopeAgentId OR {dialect.In($"{table}.queue", "scopeQueues")}",
            new { scopeAgentId = scope.AgentId, scopeQueues = queues.ToArray() });
    }
}
