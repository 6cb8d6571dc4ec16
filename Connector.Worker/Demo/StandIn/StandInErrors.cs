using System.Text.Json.Nodes;

namespace Connector.Worker.Demo.StandIn;

/// <summary>ACS's error body: <c>{"error": {"code", "message"}}</c>.</summary>
internal static class StandInErrors
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());
    }

    public static async Task WriteJsonAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString());
        }
    }

    /// <summary>The request's JSON object, or null after answering 400.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (node is JsonObject body)
            {
                return body;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Answered below, as ACS answers a body it cannot read.
        }

        await WriteAsync(context, 400, "BadRequest", "The request body is not a JSON object.");
        return null;
    }
}
