using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>ACS's error answers: <c>{"error":{"code","message"}}</c> (CommunicationErrorResponse) plus <c>x-ms-error-code</c>.</summary>
internal static class FakeAcsErrors
{
    public static Task WriteAsync(HttpContext context, int status, string code, string message, TimeSpan? retryAfter = null, bool withBody = true)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers["x-ms-error-code"] = code;
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (!withBody)
        {
            return Task.CompletedTask;
        }

        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }, FakeAcsJsonBody.Json), context.RequestAborted);
    }

    public static Task BadRequestAsync(HttpContext context, string message) => WriteAsync(context, 400, "BadRequest", message);

    public static Task DeniedAsync(HttpContext context, string message) => WriteAsync(context, 401, "Denied", message);

    public static Task NotFoundAsync(HttpContext context, string message) => WriteAsync(context, 404, "NotFound", message);
}
