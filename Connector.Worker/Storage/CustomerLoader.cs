using System.Data.Common;
using Connector.Core.Customers;
using Connector.Worker.Storage.Rows;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>Reads whole customers (identities and CRM records) in three queries, however many there are.</summary>
internal static class CustomerLoader
{
    public static async Task<IReadOnlyList<Customer>> LoadAsync(SqlDialect dialect, DbConnection connection, DbTransaction? tx, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var args = new { ids = dialect.IdList(ids) };
        var customers = await connection.QueryAsync<CustomerRow>(new CommandDefinition(
            $"SELECT id, created_at FROM customers WHERE {dialect.In("id", "ids")} AND merged_into IS NULL", args, tx, cancellationToken: ct));
        var identities = (await connection.QueryAsync<IdentityRow>(new CommandDefinition(
            $"SELECT customer_id, kind, value FROM customer_identities WHERE {dialect.In("customer_id", "ids")} ORDER BY created_at, kind, value", args, tx, cancellationToken: ct)))
            .ToLookup(i => i.CustomerId);
        var crmRefs = (await connection.QueryAsync<CrmRefRow>(new CommandDefinition(
            $"SELECT customer_id, crm, record_id FROM customer_crm_refs WHERE {dialect.In("customer_id", "ids")} ORDER BY crm", args, tx, cancellationToken: ct)))
            .ToLookup(r => r.CustomerId);
        return customers.Select(c => RowMapping.ToCustomer(c, identities[c.Id], crmRefs[c.Id])).ToList();
    }
}
