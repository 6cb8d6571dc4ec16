using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// Email (REST spec Email/stable/2023-03-31 in Azure/azure-rest-api-specs): <c>POST /emails:send</c> → 202 +
/// <c>Operation-Location</c>; <c>GET /emails/operations/{id}</c> answers Running (with <c>retry-after</c>) for the
/// configured number of polls, then the configured outcome.
/// </summary>
internal sealed class FakeAcsEmailApi(FakeAcsServer server)
{
    private const int MaxRecipients = 50;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/emails:send", (RequestDelegate)SendAsync);
        app.MapGet("/emails/operations/{operationId}", (RequestDelegate)GetAsync);
    }

    private async Task SendAsync(HttpContext context)
    {
        if (await FakeAcsJsonBody.ReadObjectAsync(context) is not { } body)
        {
            return;
        }

        if (Problem(body) is { } problem)
        {
            await FakeAcsErrors.BadRequestAsync(context, problem);
            return;
        }

        var operationIdHeader = context.Request.Headers["Operation-Id"].ToString();
        if (operationIdHeader.Length > 0 && !Guid.TryParse(operationIdHeader, out _))
        {
            await FakeAcsErrors.BadRequestAsync(context, "Operation-Id must be a UUID.");
            return;
        }

        var operationId = operationIdHeader.Length > 0 ? operationIdHeader : Guid.NewGuid().ToString();
        // Assumption (not confirmed by ACS docs): a repeated Operation-Id names the same operation, not a second send.
        var operation = server.SendEmailOnce(operationId, () => new FakeAcsEmailOperation { Id = operationId, Message = body });
        await server.HoldIfAskedAsync(context);
        context.Response.Headers["Operation-Location"] =
            $"{context.Request.Scheme}://{context.Request.Host}/emails/operations/{operation.Id}?api-version={Uri.EscapeDataString(FakeAcsJsonBody.ApiVersion(context))}";
        context.Response.Headers.RetryAfter = server.Options.EmailRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await FakeAcsJsonBody.WriteAsync(context, 202, new JsonObject { ["id"] = operation.Id, ["status"] = "Running" });
    }

    private async Task GetAsync(HttpContext context)
    {
        var id = (string)context.GetRouteValue("operationId")!;
        if (server.FindEmailOperation(id) is not { } operation)
        {
            await FakeAcsErrors.NotFoundAsync(context, $"Operation {id} was not found.");
            return;
        }

        int polls;
        lock (operation)
        {
            polls = ++operation.Polls;
        }

        var answer = new JsonObject { ["id"] = operation.Id };
        if (polls <= server.Options.EmailRunningPolls)
        {
            answer["status"] = "Running";
            context.Response.Headers.RetryAfter = server.Options.EmailRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        else if (server.Options.EmailOutcome == "Failed")
        {
            answer["status"] = "Failed";
            answer["error"] = new JsonObject { ["code"] = "EmailDroppedAllRecipientsSuppressed", ["message"] = "Message was not delivered: every recipient is suppressed." };
        }
        else
        {
            answer["status"] = server.Options.EmailOutcome;
        }

        await FakeAcsJsonBody.WriteAsync(context, 200, answer);
    }

    private static string? Problem(JsonObject body)
    {
        if (FakeAcsJsonBody.String(body["senderAddress"]) is not { Length: > 0 } sender || !sender.Contains('@', StringComparison.Ordinal))
        {
            return "'senderAddress' is required.";
        }

        if (FakeAcsJsonBody.String(body["content"]?["subject"]) is not { Length: > 0 })
        {
            return "'content.subject' is required.";
        }

        if (body["recipients"]?["to"] is not JsonArray { Count: > 0 })
        {
            return "'recipients.to' must list at least one recipient.";
        }

        var all = new[] { "to", "cc", "bcc" }.SelectMany(list => body["recipients"]?[list] as JsonArray ?? []).ToList();
        if (all.Any(r => FakeAcsJsonBody.String(r?["address"]) is not { Length: > 0 } address || !address.Contains('@', StringComparison.Ordinal)))
        {
            return "Every recipient needs an 'address'.";
        }

        if (all.Count > MaxRecipients)
        {
            return $"An email may have at most {MaxRecipients} recipients.";
        }

        if (body["headers"] is { } headers && (headers is not JsonObject map || map.Any(h => FakeAcsJsonBody.String(h.Value) is null)))
        {
            return "'headers' must map header names to strings.";
        }

        return null;
    }
}
