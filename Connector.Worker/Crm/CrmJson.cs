using System.Text.Json;

namespace Connector.Worker.Crm;

/// <summary>How outbox payloads of the CRM sync are written and read (camelCase, as the rest of the connector's JSON).</summary>
internal static class CrmJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
