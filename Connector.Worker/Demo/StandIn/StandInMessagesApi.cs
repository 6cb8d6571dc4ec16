using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Connector.Worker.Demo.StandIn;

/// <summary>
/// Advanced Messaging (REST spec Messages/stable/2024-08-30): <c>notifications:send</c> answers 202 with a receipt
/// (once per Repeatability-Request-ID), then WhatsApp's receipts follow as AdvancedMessageDeliveryStatusUpdated
/// (sent, delivered, read) through Event Grid.
/// </summary>
internal sealed class StandInMessagesApi(AcsStandIn acs)
{
    private readonly ConcurrentDictionary<string, JsonObject> _answered = new(StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder app) => app.MapPost("/messages/notifications:send", SendAsync);

    private async Task SendAsync(HttpContext context)
    {
        var requestId = context.Request.Headers["Repeatability-Request-ID"].ToString();
        if (requestId.Length > 0 && _answered.TryGetValue(requestId, out var repeated))
        {
            context.Response.Headers["Repeatability-Result"] = "accepted";
            await StandInErrors.WriteJsonAsync(context, 202, repeated);
            return;
        }

        if (await StandInErrors.ReadObjectAsync(context) is not { } body)
        {
            return;
        }

        if ((string?)body["channelRegistrationId"] != acs.WhatsAppChannelId)
        {
            await StandInErrors.WriteAsync(context, 400, "InvalidChannelRegistrationId", "The channel registration id is not one of this resource.");
            return;
        }

        if (body["to"] is not JsonArray { Count: 1 } recipients || (string?)recipients[0] is not { Length: > 0 } to || !to.All(char.IsAsciiDigit))
        {
            await StandInErrors.WriteAsync(context, 400, "BadRequest", "'to' must name one WhatsApp number (E.164 digits).");
            return;
        }

        var kind = (string?)body["kind"];
        var text = kind switch
        {
            "text" => (string?)body["content"],
            "template" => $"[template {(string?)body["template"]?["name"]}]",
            _ => null,
        };
        if (text is not { Length: > 0 })
        {
            await StandInErrors.WriteAsync(context, 400, "BadRequest", "A text notification needs 'content'; a template one 'template'.");
            return;
        }

        var messageId = Guid.NewGuid().ToString();
        var answer = new JsonObject { ["receipts"] = new JsonArray(new JsonObject { ["messageId"] = messageId, ["to"] = to }) };
        if (requestId.Length > 0)
        {
            _answered[requestId] = answer;
        }

        await StandInErrors.WriteJsonAsync(context, 202, answer);
        var delay = TimeSpan.Zero;
        foreach (var status in new[] { "sent", "delivered", "read" })
        {
            delay += TimeSpan.FromSeconds(status == "read" ? 4 : 1);
            acs.EventGrid.DeliverLater(StandInEventGrid.Event("AdvancedMessageDeliveryStatusUpdated", $"advancedMessage/{messageId}/status/{status}", new JsonObject
            {
                ["messageId"] = messageId,
                ["status"] = status,
                ["channelType"] = "whatsapp",
                ["from"] = acs.WhatsAppChannelId,
                ["to"] = to,
                ["receivedTimestamp"] = AcsStandIn.Time(DateTimeOffset.UtcNow + delay),
            }), delay);
        }

        acs.ToCustomers.Add(new CustomerBound("whatsapp", "+" + to, text, null));
    }
}
