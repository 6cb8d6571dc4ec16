using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>
/// Writes of one transaction whose outcome nobody reads back (inserts and updates that return nothing), held until
/// the transaction next reads or commits and then sent in front of that command: one round trip instead of one per
/// statement. Each write's parameters are renamed apart (<c>@id</c> of the third write becomes <c>@w2_id</c>), so
/// statements written alone run unchanged. Errors surface at the flush, inside the same transaction, so a unique
/// violation still rolls back the whole unit of work.
/// </summary>
internal sealed partial class DeferredWrites
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
    private readonly List<(string Sql, object Args)> _pending = [];

    public int Count => _pending.Count;

    public void Add(string sql, object args) => _pending.Add((sql, args));

    /// <summary>
    /// The pending writes followed by <paramref name="sql"/> (null: the writes alone) as one command; the writes are
    /// then no longer pending. Both providers skip the writes' empty results, so a query's rows are read as usual.
    /// </summary>
    public CommandDefinition Prepend(string? sql, object? args, DbTransaction transaction, CancellationToken ct)
    {
        if (_pending.Count == 0)
        {
            return new CommandDefinition(sql!, args, transaction, cancellationToken: ct);
        }

        var text = new StringBuilder();
        var parameters = new DynamicParameters();
        for (var i = 0; i < _pending.Count; i++)
        {
            var (pendingSql, pendingArgs) = _pending[i];
            var prefix = $"w{i}_";
            text.Append(ParameterName().Replace(pendingSql, m => "@" + prefix + m.Groups[1].Value)).Append(";\n");
            foreach (var property in Properties.GetOrAdd(pendingArgs.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
            {
                parameters.Add(prefix + property.Name, property.GetValue(pendingArgs));
            }
        }

        _pending.Clear();
        if (sql is not null)
        {
            text.Append(sql);
            parameters.AddDynamicParams(args);
        }

        return new CommandDefinition(text.ToString(), parameters, transaction, cancellationToken: ct);
    }

    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterName();
}
