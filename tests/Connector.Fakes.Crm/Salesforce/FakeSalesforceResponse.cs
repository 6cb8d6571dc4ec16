using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>What one REST call (or Composite subrequest) answers.</summary>
public sealed record FakeSalesforceResponse(int Status, JsonNode? Body, string? Location = null)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Salesforce's error body: a JSON array of <c>{"message","errorCode","fields"}</c>.</summary>
    public static FakeSalesforceResponse Error(int status, string errorCode, string message, params string[] fields)
    {
        var error = new JsonObject { ["message"] = message, ["errorCode"] = errorCode };
        if (fields.Length > 0)
        {
            error["fields"] = new JsonArray(fields.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        }

        return new FakeSalesforceResponse(status, new JsonArray(error));
    }

    public static FakeSalesforceResponse NotFound() => Error(404, "NOT_FOUND", "The requested resource does not exist");
}
