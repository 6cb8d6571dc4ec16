using System.Text.Json.Nodes;
using Connector.Core.Crm;

namespace Connector.Dynamics.Batch;

/// <summary>
/// One Web API request, either sent alone or as a part of a <c>$batch</c>: its path under the API root
/// (<c>phonecalls(…)</c>), body, conditional mode, and the record it writes under which idempotency key.
/// </summary>
internal sealed record DynamicsOperation(
    HttpMethod Method,
    string Path,
    JsonObject? Body,
    DynamicsWriteMode Mode,
    string Kind,
    string? Key = null,
    CrmRecord? Writes = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>What an <c>@odata.bind</c> to the written record looks like (<c>/incidents(…)</c>), for Content-ID references.</summary>
    public string? BindPath => Writes is null ? null : "/" + Path;

    public static DynamicsOperation Read(string pathAndQuery, string kind) => new(HttpMethod.Get, pathAndQuery, null, DynamicsWriteMode.Read, kind);

    public static DynamicsOperation Write(string entitySet, Guid id, string recordType, JsonObject body, DynamicsWriteMode mode, string kind, string? key, IReadOnlyDictionary<string, string>? headers = null) =>
        new(HttpMethod.Patch, DynamicsUris.Record(entitySet, id), body, mode, kind, key, new CrmRecord(recordType, id.ToString("D")), headers);
}
