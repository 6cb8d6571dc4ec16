using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Core.Customers;

namespace Connector.Salesforce.Mapping;

/// <summary>A new Contact or Lead from what we know of the customer; LastName (and a lead's Company) are required.</summary>
internal static class SalesforceContactMapper
{
    public static JsonObject ToBody(CrmContactQuery query, SalesforceCreateAs createAs, string leadCompany)
    {
        ArgumentNullException.ThrowIfNull(query);
        var phone = query.Identities.FirstOrDefault(i => i.Kind == IdentityKind.Phone)?.Value;
        var whatsApp = query.Identities.FirstOrDefault(i => i.Kind == IdentityKind.WhatsApp)?.Value;
        var email = query.Identities.FirstOrDefault(i => i.Kind == IdentityKind.Email)?.Value;
        var (first, last) = SplitName(query.DisplayName?.Trim());
        var body = new JsonObject
        {
            ["LastName"] = last ?? email ?? phone ?? whatsApp ?? "Unknown caller",
        };
        if (first is not null)
        {
            body["FirstName"] = first;
        }

        if ((phone ?? whatsApp) is { } main)
        {
            body["Phone"] = main;
        }

        if (whatsApp is not null)
        {
            body["MobilePhone"] = whatsApp;
        }

        if (email is not null)
        {
            body["Email"] = email;
        }

        if (createAs == SalesforceCreateAs.Lead)
        {
            body["Company"] = leadCompany;
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
        return space <= 0 ? (null, Cut(name, 80)) : (Cut(name[..space].Trim(), 40), Cut(name[(space + 1)..], 80));
    }

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length];
}
