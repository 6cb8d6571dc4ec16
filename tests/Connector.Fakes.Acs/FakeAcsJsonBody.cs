using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>The request body the fake buffered, read as JSON, and the JSON answers it gives.</summary>
internal static class FakeAcsJsonBody
{
    public const string BodyItem = "fake-acs-body";
    public const string CallerItem = "fake-acs-caller";

    /// <summary>Written as ACS writes it: apostrophes and other text left as they are, not \u-escaped.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Bytes(HttpContext context) => context.Items[BodyItem] as byte[] ?? [];

    public static FakeAcsIssuedToken Caller(HttpContext context) => (FakeAcsIssuedToken)context.Items[CallerItem]!;

    /// <summary>The body as a JSON object; null (after answering 400) when it is not one.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context, bool emptyAllowed = false)
    {
        var bytes = Bytes(context);
        if (bytes.Length == 0 && emptyAllowed)
        {
            return [];
        }

        try
        {
            if (JsonNode.Parse(bytes) is JsonObject body)
            {
                return body;
            }
        }
        catch (JsonException)
        {
        }

        await FakeAcsErrors.BadRequestAsync(context, "The request body is not a JSON object.");
        return null;
    }

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static Task WriteAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body is JsonNode node ? node.ToJsonString(Json) : JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }

    /// <summary>ACS's date-time form, e.g. 2025-11-25T10:00:00.0000000+00:00.</summary>
    public static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string ApiVersion(HttpContext context) => context.Request.Query["api-version"].ToString();
}
