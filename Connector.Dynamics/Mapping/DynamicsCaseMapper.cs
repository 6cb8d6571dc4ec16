using System.Text.Json.Nodes;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Dynamics.Batch;

namespace Connector.Dynamics.Mapping;

/// <summary>
/// A case as an <c>incident</c>: title, description, the contact as its customer (a required polymorphic lookup) and
/// caseorigincode by channel (1 Phone, 2 Email, 3 Web for chats and WhatsApp, which have no option of their own in a
/// standard org).
/// </summary>
internal static class DynamicsCaseMapper
{
    public static readonly string[] ClosedStatuses = ["closed", "resolved", "done"];

    public static DynamicsOperation Upsert(CrmCase crmCase, DynamicsTables tables, DynamicsOptions options, SensitiveDataRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(crmCase);
        var body = new JsonObject
        {
            ["title"] = DynamicsText.Cut(redactor.Redact(crmCase.Subject), DynamicsText.SubjectLength),
            ["description"] = DynamicsText.Cut(redactor.Redact(crmCase.Description), DynamicsText.DescriptionLength),
            ["customerid_contact@odata.bind"] = DynamicsActivityMapper.Bind(tables, DynamicsTables.Contact, crmCase.Contact.RecordId),
        };
        if (crmCase.Origin is { } origin)
        {
            body["caseorigincode"] = origin switch
            {
                Channel.Voice => 1,
                Channel.Email => 2,
                _ => 3,
            };
        }

        if (options.KeyColumn is { } keyColumn)
        {
            body[keyColumn] = crmCase.IdempotencyKey;
        }

        var (id, mode) = crmCase.Existing is { } existing && Guid.TryParse(existing.RecordId, out var known)
            ? (known, DynamicsWriteMode.UpdateOnly)
            : (DynamicsIds.For(crmCase.IdempotencyKey), DynamicsWriteMode.Upsert);
        return DynamicsOperation.Write(tables.SetOf(DynamicsTables.Incident), id, DynamicsTables.Incident, body, mode, "case", crmCase.IdempotencyKey);
    }

    public static bool Closes(CrmCase crmCase) =>
        crmCase.Status is { } status && ClosedStatuses.Contains(status.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The CloseIncident action: an incidentresolution for the case and status 5 (Problem Solved).</summary>
    public static DynamicsOperation Close(CrmRecord incident, CrmCase crmCase, DynamicsTables tables, SensitiveDataRedactor redactor) => new(
        HttpMethod.Post,
        "CloseIncident",
        new JsonObject
        {
            ["IncidentResolution"] = new JsonObject
            {
                ["subject"] = DynamicsText.Cut(redactor.Redact($"Resolved: {crmCase.Subject}"), DynamicsText.SubjectLength),
                ["incidentid@odata.bind"] = DynamicsActivityMapper.Bind(tables, DynamicsTables.Incident, incident.RecordId),
            },
            ["Status"] = 5,
        },
        DynamicsWriteMode.Action,
        "close-case");
}
