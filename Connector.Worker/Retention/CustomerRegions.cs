using System.Data.Common;
using Connector.Worker.Storage;
using Dapper;
using PhoneNumbers;

namespace Connector.Worker.Retention;

/// <summary>
/// The retention region of customers: the country of their phone or WhatsApp number (the same notion as the voice
/// consent's region), or null (the charter's <c>default</c>) for a customer known only by email or chat.
/// </summary>
internal static class CustomerRegions
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static async Task<Dictionary<Guid, string?>> OfAsync(SqlDialect dialect, DbConnection connection, IReadOnlyCollection<Guid> customers, CancellationToken ct)
    {
        var regions = customers.Distinct().ToDictionary(c => c, _ => (string?)null);
        if (regions.Count == 0)
        {
            return regions;
        }

        var rows = await connection.QueryAsync<IdentityRow>(new CommandDefinition(
            $"SELECT customer_id, value FROM customer_identities WHERE kind IN ('phone', 'whatsapp') AND {dialect.In("customer_id", "ids")} ORDER BY created_at",
            new { ids = dialect.IdList(regions.Keys) }, cancellationToken: ct));
        foreach (var row in rows)
        {
            // The first number the customer was known by decides, so that a second number never moves them.
            if (regions[row.CustomerId] is null)
            {
                regions[row.CustomerId] = RegionOf(row.Value);
            }
        }

        return regions;
    }

    private static string? RegionOf(string number)
    {
        try
        {
            // A number that is possible but not (yet) valid still says its country: its calling code's main region.
            var parsed = Phones.Parse(number.StartsWith('+') ? number : "+" + number, "ZZ");
            var region = Phones.GetRegionCodeForNumber(parsed) ?? Phones.GetRegionCodeForCountryCode(parsed.CountryCode);
            return region is { Length: 2 } and not "ZZ" ? region : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private sealed class IdentityRow
    {
        public Guid CustomerId { get; set; }
        public string Value { get; set; } = "";
    }
}
