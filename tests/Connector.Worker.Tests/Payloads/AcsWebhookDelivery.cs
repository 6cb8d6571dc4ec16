using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Connector.Worker.Tests.Payloads;

/// <summary>
/// An ACS event delivered to the Worker's webhook as Event Grid delivers it: a JSON array of one event, the
/// <c>aeg-event-type: Notification</c> header and the webhook key in the query (what marks a delivery as ACS's). The
/// events are <see cref="AcsEvents"/> with fresh ids and times, so each delivery is new to the Worker.
/// </summary>
public static class AcsWebhookDelivery
{
    /// <summary>A customer's WhatsApp text; <paramref name="from"/> as ACS sends it (digits, no plus), <paramref name="to"/> the channel registration (the sample's when null).</summary>
    public static JsonNode WhatsAppText(string from, string? text, string? to = null)
    {
        var e = Fresh(AcsEvents.AdvancedMessageReceived);
        e["data"]!["messageId"] = Guid.NewGuid().ToString();
        e["data"]!["from"] = from;
        if (to is not null)
        {
            e["data"]!["to"] = to;
        }

        e["data"]!["content"] = text;
        e["data"]!["receivedTimestamp"] = DateTimeOffset.UtcNow.ToString("O");
        return e;
    }

    /// <summary>A chat participant's message in a thread (thread-level <c>ChatMessageReceivedInThread</c>), from the ACS user <paramref name="sender"/>.</summary>
    public static JsonNode ChatMessage(string threadId, string sender, string text, string? messageId = null)
    {
        var e = Fresh(AcsEvents.ChatMessageReceivedInThread);
        e["subject"] = $"thread/{threadId}/sender/{sender}";
        e["data"]!["threadId"] = threadId;
        e["data"]!["messageBody"] = text;
        e["data"]!["messageId"] = messageId ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        e["data"]!["composeTime"] = DateTimeOffset.UtcNow.ToString("O");
        e["data"]!["senderCommunicationIdentifier"]!["rawId"] = sender;
        e["data"]!["senderCommunicationIdentifier"]!["communicationUser"]!["id"] = sender;
        return e;
    }

    /// <summary>Posts <paramref name="acsEvent"/> to <c>/webhooks/acs/events?key=…</c> of the Worker <paramref name="worker"/> talks to.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient worker, string webhookKey, JsonNode acsEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(acsEvent);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/acs/events?key={Uri.EscapeDataString(webhookKey)}")
        {
            Content = new StringContent(new JsonArray(acsEvent.DeepClone()).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("aeg-event-type", "Notification");
        return await worker.SendAsync(request, cancellationToken);
    }

    private static JsonNode Fresh(string sample)
    {
        var e = JsonNode.Parse(sample)!;
        e["id"] = Guid.NewGuid().ToString();
        e["eventTime"] = DateTimeOffset.UtcNow.ToString("O");
        return e;
    }
}
