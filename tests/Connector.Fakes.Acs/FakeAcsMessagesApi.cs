using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// Advanced Messaging (REST spec Messages/stable/2024-08-30 in Azure/azure-rest-api-specs):
/// <c>POST /messages/notifications:send</c> (validated per kind; repeatable requests executed once) and
/// <c>GET /messages/streams/{id}</c>.
/// </summary>
internal sealed class FakeAcsMessagesApi(FakeAcsServer server)
{
    private static readonly HashSet<string> MediaKinds = new(["image", "image_v0", "document", "video", "audio"], StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/messages/notifications:send", (RequestDelegate)SendAsync);
        app.MapGet("/messages/streams/{id}", (RequestDelegate)DownloadAsync);
    }

    private async Task SendAsync(HttpContext context)
    {
        var requestId = context.Request.Headers["repeatability-request-id"].ToString();
        var firstSent = context.Request.Headers["repeatability-first-sent"].ToString();
        if (requestId.Length > 0 || firstSent.Length > 0)
        {
            if (!Guid.TryParse(requestId, out _)
                || !DateTimeOffset.TryParseExact(firstSent, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                context.Response.Headers["Repeatability-Result"] = "rejected";
                await FakeAcsErrors.BadRequestAsync(context, "Repeatability-Request-ID must be a UUID and Repeatability-First-Sent an RFC 1123 date.");
                return;
            }
        }

        if (await FakeAcsJsonBody.ReadObjectAsync(context) is not { } body || await ValidateAsync(context, body) is not { } recipients)
        {
            return;
        }

        var notification = server.SendNotificationOnce(requestId.Length > 0 ? requestId : null, () =>
            new FakeAcsNotification(body, requestId.Length > 0 ? requestId : null, recipients.Select(_ => Guid.NewGuid().ToString()).ToList()));
        if (requestId.Length > 0)
        {
            context.Response.Headers["Repeatability-Result"] = "accepted";
        }

        await server.HoldIfAskedAsync(context);

        var receipts = new JsonArray();
        var to = notification.Body["to"]!.AsArray();
        for (var i = 0; i < notification.MessageIds.Count; i++)
        {
            receipts.Add(new JsonObject { ["messageId"] = notification.MessageIds[i], ["to"] = FakeAcsJsonBody.String(to[i]) });
        }

        await FakeAcsJsonBody.WriteAsync(context, 202, new JsonObject { ["receipts"] = receipts });
    }

    private async Task<List<string>?> ValidateAsync(HttpContext context, JsonObject body)
    {
        string? problem = null;
        var channel = FakeAcsJsonBody.String(body["channelRegistrationId"]);
        var to = body["to"] as JsonArray;
        var kind = FakeAcsJsonBody.String(body["kind"]);
        if (channel is null || !Guid.TryParse(channel, out _))
        {
            problem = "'channelRegistrationId' is required and must be a GUID.";
        }
        else if (server.Options.WhatsAppChannelRegistrationIds.Count > 0 && !server.Options.WhatsAppChannelRegistrationIds.Contains(channel, StringComparer.OrdinalIgnoreCase))
        {
            await FakeAcsErrors.WriteAsync(context, 404, "ChannelNotFound", $"Channel registration {channel} was not found.");
            return null;
        }
        else if (to is null || to.Count == 0 || to.Any(t => FakeAcsJsonBody.String(t) is not { Length: > 0 }))
        {
            problem = "'to' must be a non-empty array of phone numbers.";
        }
        else if (kind is null)
        {
            problem = "'kind' is required.";
        }
        else if (kind == "text")
        {
            problem = FakeAcsJsonBody.String(body["content"]) is { Length: > 0 } ? null : "'content' is required for kind text.";
        }
        else if (kind == "template")
        {
            var template = body["template"];
            problem = FakeAcsJsonBody.String(template?["name"]) is { Length: > 0 } && FakeAcsJsonBody.String(template?["language"]) is { Length: > 0 }
                ? null
                : "'template.name' and 'template.language' are required for kind template.";
        }
        else if (MediaKinds.Contains(kind))
        {
            problem = FakeAcsJsonBody.String(body["mediaUri"]) is { Length: > 0 } ? null : $"'mediaUri' is required for kind {kind}.";
        }
        else
        {
            problem = $"'kind' {kind} is not one of text, image, document, video, audio, template.";
        }

        if (problem is not null)
        {
            await FakeAcsErrors.BadRequestAsync(context, problem);
            return null;
        }

        return to!.Select(t => FakeAcsJsonBody.String(t)!).ToList();
    }

    private async Task DownloadAsync(HttpContext context)
    {
        var id = (string)context.GetRouteValue("id")!;
        if (server.FindMedia(id) is not { } media)
        {
            await FakeAcsErrors.NotFoundAsync(context, $"Media {id} was not found.");
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = media.ContentType;
        context.Response.ContentLength = media.Content.Length;
        await context.Response.Body.WriteAsync(media.Content, context.RequestAborted);
    }
}
