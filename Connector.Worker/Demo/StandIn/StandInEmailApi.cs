using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Connector.Worker.Demo.StandIn;

/// <summary>
/// Email (REST spec Email/stable/2023-03-31): a send is queued (202, <c>Operation-Location</c>, <c>retry-after</c>),
/// its operation reads Running and then Succeeded, and EmailDeliveryReportReceived (Delivered) follows through Event
/// Grid. The same <c>Operation-Id</c> sent twice is one send.
/// </summary>
internal sealed class StandInEmailApi(AcsStandIn acs)
{
    private static readonly TimeSpan SendTime = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, (DateTimeOffset QueuedAt, string Sender, string Recipient)> _operations = new(StringComparer.OrdinalIgnoreCase);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/emails:send", SendAsync);
        app.MapGet("/emails/operations/{id}", GetAsync);
    }

    private async Task SendAsync(HttpContext context)
    {
        if (await StandInErrors.ReadObjectAsync(context) is not { } body)
        {
            return;
        }

        var sender = (string?)body["senderAddress"];
        var recipient = (string?)body["recipients"]?["to"]?[0]?["address"];
        var subject = (string?)body["content"]?["subject"];
        var text = (string?)body["content"]?["plainText"] ?? (string?)body["content"]?["html"];
        if (sender is null || recipient is null || subject is null || text is null)
        {
            await StandInErrors.WriteAsync(context, 400, "BadRequest", "'senderAddress', 'recipients.to', 'content.subject' and a body are required.");
            return;
        }

        var id = context.Request.Headers["Operation-Id"].ToString() is { Length: > 0 } given ? given : Guid.NewGuid().ToString();
        var isNew = _operations.TryAdd(id, (DateTimeOffset.UtcNow, sender, recipient));
        context.Response.Headers["Operation-Location"] = new Uri(acs.Endpoint, $"emails/operations/{id}?api-version={context.Request.Query["api-version"]}").ToString();
        context.Response.Headers["retry-after"] = "1";
        await StandInErrors.WriteJsonAsync(context, 202, new JsonObject { ["id"] = id, ["status"] = "Running" });
        if (isNew)
        {
            acs.EventGrid.DeliverLater(StandInEventGrid.Event("EmailDeliveryReportReceived", $"sender/{sender}/message/{id}", new JsonObject
            {
                ["sender"] = sender,
                ["recipient"] = recipient,
                ["messageId"] = id,
                ["status"] = "Delivered",
                ["deliveryStatusDetails"] = new JsonObject { ["statusMessage"] = "No error." },
                ["deliveryAttemptTimeStamp"] = AcsStandIn.Time(DateTimeOffset.UtcNow + SendTime * 3),
            }), SendTime * 3);
            acs.ToCustomers.Add(new CustomerBound("email", recipient, text, subject));
        }
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        if (!_operations.TryGetValue(id, out var operation))
        {
            await StandInErrors.WriteAsync(context, 404, "NotFound", $"Operation {id} was not found.");
            return;
        }

        var done = DateTimeOffset.UtcNow - operation.QueuedAt >= SendTime;
        if (!done)
        {
            context.Response.Headers["retry-after"] = "1";
        }

        await StandInErrors.WriteJsonAsync(context, 200, new JsonObject { ["id"] = id, ["status"] = done ? "Succeeded" : "Running" });
    }
}
