using Connector.Core.Customers;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Crm;

/// <summary>
/// The two numbers of a call for its CRM activity (the customer's, and the contact centre's: the number called or the
/// caller id shown), read from the call's row by the channel ref the timeline carries. Read here rather than through
/// the voice module's store because the CRM sync runs in Workers that do not compose voice; the table is always there.
/// </summary>
internal sealed class CrmCallParties(SqlDialect dialect)
{
    /// <param name="channelRef">The call connection id, or <c>{id}#{n}</c> once the call went back to a queue.</param>
    /// <returns>Null when no call of the connector has that ref.</returns>
    public async Task<(string? Customer, string? Service)?> FindAsync(string? channelRef, CancellationToken ct)
    {
        if (channelRef is not { Length: > 0 })
        {
            return null;
        }

        var connection = channelRef.Split('#', 2)[0];
        await using var db = await dialect.OpenAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<CallPartiesRow>(new CommandDefinition(
            "SELECT identity_kind AS IdentityKind, identity_value AS IdentityValue, service_number AS ServiceNumber FROM voice_calls WHERE call_connection_id = @connection",
            new { connection }, cancellationToken: ct));
        return row is null ? null : (row.IdentityKind == nameof(IdentityKind.Phone) ? row.IdentityValue : null, row.ServiceNumber);
    }

    private sealed class CallPartiesRow
    {
        public string IdentityKind { get; set; } = "";
        public string IdentityValue { get; set; } = "";
        public string? ServiceNumber { get; set; }
    }
}
