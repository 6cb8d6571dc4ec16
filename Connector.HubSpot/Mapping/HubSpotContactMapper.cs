using Connector.Core.Crm;
using Connector.Core.Customers;

namespace Connector.HubSpot.Mapping;

/// <summary>A new contact from what the channel told us: the name split at its last space, the first email and phone.</summary>
internal static class HubSpotContactMapper
{
    public static readonly string[] Properties = ["firstname", "lastname", "email", "phone", "mobilephone"];

    public static Dictionary<string, string?> ToProperties(CrmContactQuery query, string customerIdProperty)
    {
        ArgumentNullException.ThrowIfNull(query);
        var name = query.DisplayName?.Trim() ?? "";
        var space = name.LastIndexOf(' ');
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [customerIdProperty] = query.CustomerId.ToString(),
            ["firstname"] = space > 0 ? name[..space] : null,
            ["lastname"] = space > 0 ? name[(space + 1)..] : name.Length > 0 ? name : null,
        };
        if (query.Identities.FirstOrDefault(i => i.Kind == IdentityKind.Email) is { } email)
        {
            properties["email"] = email.Value;
        }

        if (query.Identities.FirstOrDefault(i => i.Kind is IdentityKind.Phone or IdentityKind.WhatsApp) is { } phone)
        {
            properties["phone"] = phone.Value;
        }

        return properties.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
