using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Core.Customers;

namespace Connector.Zendesk.Mapping;

/// <summary>
/// A new end-user from the customer's identities: the first email and phone are the primary ones, the rest extra
/// identities, and the customer id is the external_id, which create_or_update matches on (a retried creation is
/// the same user) and the next lookup finds exactly.
/// </summary>
internal static class ZendeskContactMapper
{
    public static JsonObject User(CrmContactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var emails = query.Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value).Distinct(StringComparer.Ordinal).ToList();
        var phones = Phones(query).ToList();
        var user = new JsonObject
        {
            ["name"] = Name(query, emails, phones),
            ["role"] = "end-user",
            ["external_id"] = query.CustomerId.ToString(),
        };
        if (emails.Count > 0)
        {
            user["email"] = emails[0];
        }

        if (phones.Count > 0)
        {
            user["phone"] = phones[0];
        }

        var extra = emails.Skip(1).Select(e => Identity("email", e)).Concat(phones.Skip(1).Select(p => Identity("phone_number", p))).ToArray();
        if (extra.Length > 0)
        {
            user["identities"] = new JsonArray(extra);
        }

        return user;
    }

    public static IEnumerable<string> Phones(CrmContactQuery query) =>
        query.Identities.Where(i => i.Kind is IdentityKind.Phone or IdentityKind.WhatsApp).Select(i => i.Value).Distinct(StringComparer.Ordinal);

    public static IEnumerable<string> Emails(CrmContactQuery query) =>
        query.Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value).Distinct(StringComparer.Ordinal);

    public static JsonObject Identity(string type, string value) => new() { ["type"] = type, ["value"] = value };

    /// <summary>Zendesk requires a name; without one, the customer's address stands in (as Zendesk itself does for email requesters).</summary>
    private static string Name(CrmContactQuery query, List<string> emails, List<string> phones) =>
        !string.IsNullOrWhiteSpace(query.DisplayName) ? query.DisplayName.Trim()
        : emails.Count > 0 ? emails[0]
        : phones.Count > 0 ? phones[0]
        : $"Customer {query.CustomerId}";
}
