using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Dynamics;

/// <summary>An answer of the fake: status, headers, and a JSON body (or raw text, such as a <c>$batch</c> multipart).</summary>
public sealed record FakeDynamicsResponse(int Status, JsonNode? Body = null, IReadOnlyDictionary<string, string>? Headers = null, string? RawBody = null, string? ContentType = null)
{
    /// <summary>The OData error body: <c>{"error":{"code":"0x…","message":"…"}}</c>.</summary>
    public static FakeDynamicsResponse Error(int status, string code, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, headers);

    public static FakeDynamicsResponse NoContent(string? entityId = null) =>
        new(204, null, entityId is null ? null : new Dictionary<string, string> { ["OData-EntityId"] = entityId });

    public bool IsSuccess => Status is >= 200 and < 300;
}
