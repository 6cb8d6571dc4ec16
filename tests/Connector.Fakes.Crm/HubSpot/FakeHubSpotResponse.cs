using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.HubSpot;

/// <summary>An answer of the fake: status, JSON body, and whether it carries the rate headers.</summary>
public sealed record FakeHubSpotResponse(int Status, JsonNode? Body, byte[]? Raw = null, string? ContentType = null)
{
    public static FakeHubSpotResponse Json(int status, object body) => new(status, JsonSerializer.SerializeToNode(body));

    /// <summary>HubSpot's error body: status, message, correlationId, category.</summary>
    public static FakeHubSpotResponse Error(int status, string category, string message, JsonObject? extra = null)
    {
        var body = new JsonObject
        {
            ["status"] = "error",
            ["message"] = message,
            ["correlationId"] = Guid.NewGuid().ToString(),
            ["category"] = category,
        };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value?.DeepClone();
        }

        return new FakeHubSpotResponse(status, body);
    }

    /// <summary>A property validation error: the invalid properties as a JSON array inside <c>message</c>, as HubSpot sends it.</summary>
    public static FakeHubSpotResponse Invalid(IEnumerable<FakeHubSpotInvalidProperty> problems) => Error(400, "VALIDATION_ERROR",
        "Property values were not valid: " + JsonSerializer.Serialize(problems.Select(p => new { isValid = false, message = p.Message, error = p.Error, name = p.Name })));

    /// <summary>The 429 of the rolling ten-second limit (or of the daily one).</summary>
    public static FakeHubSpotResponse RateLimited(string policyName, string message) => Error(429, "RATE_LIMITS", message, new JsonObject
    {
        ["errorType"] = "RATE_LIMIT",
        ["policyName"] = policyName,
        ["groupName"] = "fake-app",
    });

    public static FakeHubSpotResponse NotFound(string message = "resource not found") => Error(404, "OBJECT_NOT_FOUND", message);
}

/// <summary>One entry of a VALIDATION_ERROR's list (<c>INVALID_OPTION</c>, <c>PROPERTY_DOESNT_EXIST</c>, <c>INVALID_EMAIL</c>…).</summary>
public sealed record FakeHubSpotInvalidProperty(string Name, string Error, string Message);
