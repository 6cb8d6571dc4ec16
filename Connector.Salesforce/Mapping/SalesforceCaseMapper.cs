using System.Text.Json.Nodes;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Crm;

namespace Connector.Salesforce.Mapping;

/// <summary>A case as a Salesforce Case: subject, description, contact, status, origin picklist from the channel.</summary>
internal static class SalesforceCaseMapper
{
    public static JsonObject ToBody(CrmCase crmCase, SensitiveDataRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(crmCase);
        var body = new JsonObject
        {
            ["Subject"] = SalesforceText.Field(redactor, crmCase.Subject, SalesforceText.SubjectLength),
            ["Status"] = crmCase.Status ?? "New",
        };
        if (crmCase.Description is not null)
        {
            body["Description"] = SalesforceText.Field(redactor, crmCase.Description, SalesforceText.DescriptionLength);
        }

        if (crmCase.Contact.RecordType == "Contact")
        {
            body["ContactId"] = crmCase.Contact.RecordId;
        }

        if (crmCase.Origin is { } origin)
        {
            body["Origin"] = origin switch
            {
                Channel.Voice => "Phone",
                Channel.Email => "Email",
                Channel.WhatsApp => "WhatsApp",
                _ => "Web",
            };
        }

        return body;
    }
}
