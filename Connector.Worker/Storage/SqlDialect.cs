using System.Data.Common;

namespace Connector.Worker.Storage;

/// <summary>What differs between PostgreSQL and SQLite; everything else is one SQL text.</summary>
internal abstract class SqlDialect
{
    public abstract string Name { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Appended to a SELECT to lock its rows until commit; empty where the transaction already serializes writers.</summary>
    public virtual string RowLockSuffix => "";

    /// <summary>Picks due outbox rows so that two dispatchers never pick the same one.</summary>
    public abstract string ClaimDueOutboxSql { get; }

    /// <summary>
    /// <c>column</c> is one of the list <c>@parameter</c>: Dapper passes arrays to Npgsql as one parameter
    /// (<c>= ANY</c>) and expands them for SQLite (<c>IN (…)</c>).
    /// </summary>
    public abstract string In(string column, string parameter);

    /// <summary>Ids for an <c>IN @ids</c> list: Dapper expands lists without the type handlers.</summary>
    public virtual System.Collections.IEnumerable IdList(IEnumerable<Guid> ids) => ids.ToArray();

    /// <summary>A unique key, serialization failure or deadlock: the unit of work may be retried.</summary>
    public abstract bool IsConcurrencyConflict(DbException exception);
}
