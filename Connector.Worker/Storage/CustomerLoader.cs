using System.Data.Common;
using Connector.Core.Customers;
using Connector.Worker.Storage.Rows;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>Reads whole customers (identities and CRM records) in three queries and one round trip, however many there are.</summary>
internal static class CustomerLoader
{
    /// <param name="holdUntilCommit">
    /// Locks the customers' rows until <paramref name="tx"/> ends (PostgreSQL; SQLite's writer already holds the whole
    /// database), oldest first as intake orders them, so that two transactions locking the same customers cannot deadlock.
    /// </param>
    public static async Task<IReadOnlyList<Customer>> LoadAsync(
        SqlDialect dialect, DbConnection connection, DbTransaction? tx, IReadOnlyCollection<Guid> ids, CancellationToken ct, bool holdUntilCommit = false)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var args = new { ids = dialect.IdList(ids) };
        var lockRows = holdUntilCommit ? dialect.RowLockSuffix : "";
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            SELECT id, created_at FROM customers WHERE {dialect.In("id", "ids")} AND merged_into IS NULL ORDER BY created_at, id{lockRows};
            SELECT customer_id, kind, value FROM customer_identities WHERE {dialect.In("customer_id", "ids")} ORDER BY created_at, kind, value;
            SELECT customer_id, crm, record_id FROM customer_crm_refs WHERE {dialect.In("customer_id", "ids")} ORDER BY crm
            """, args, tx, cancellationToken: ct));
        var customers = await grid.ReadAsync<CustomerRow>();
        var identities = (await grid.ReadAsync<IdentityRow>()).ToLookup(i => i.CustomerId);
        var crmRefs = (await grid.ReadAsync<CrmRefRow>()).ToLookup(r => r.CustomerId);
        return customers.Select(c => RowMapping.ToCustomer(c, identities[c.Id], crmRefs[c.Id])).ToList();
    }
}
