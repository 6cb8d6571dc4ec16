using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Core.Customers;

namespace Connector.Dynamics.Mapping;

/// <summary>A new contact from what we know of the customer: name split in first and last, phones, email.</summary>
internal static class DynamicsContactMapper
{
    public static readonly string[] PhoneColumns = ["telephone1", "telephone2", "mobilephone"];
    public static readonly string[] EmailColumns = ["emailaddress1", "emailaddress2", "emailaddress3"];

    public static JsonObject ToBody(CrmContactQuery query, string? keyColumn)
    {
        ArgumentNullException.ThrowIfNull(query);
        var phone = query.Identities.FirstOrDefault(i => i.Kind == IdentityKind.Phone)?.Value;
        var whatsApp = query.Identities.FirstOrDefault(i => i.Kind == IdentityKind.WhatsApp)?.Value;
        var email = query.Identities.FirstOrDefault(i => i.Kind == IdentityKind.Email)?.Value;
        var (first, last) = SplitName(query.DisplayName?.Trim());
        var body = new JsonObject { ["lastname"] = last ?? email ?? phone ?? whatsApp ?? "Unknown caller" };
        if (first is not null)
        {
            body["firstname"] = first;
        }

        if ((phone ?? whatsApp) is { } main)
        {
            body["telephone1"] = main;
        }

        if (whatsApp is not null)
        {
            body["mobilephone"] = whatsApp;
        }

        if (email is not null)
        {
            body["emailaddress1"] = email;
        }

        if (keyColumn is not null)
        {
            body[keyColumn] = query.CustomerId.ToString();
        }

        return body;
    }

    private static (string? First, string? Last) SplitName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return (null, null);
        }

        var space = name.LastIndexOf(' ');
        return space <= 0 ? (null, DynamicsText.Cut(name, 50)) : (DynamicsText.Cut(name[..space].Trim(), 50), DynamicsText.Cut(name[(space + 1)..], 50));
    }
}
