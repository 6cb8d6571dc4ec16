using System.Net;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Payloads;

namespace Connector.Worker.Tests.WhatsApp;

/// <summary>A customer's WhatsApp media message as ACS delivers it to the webhook, and a real picture to send.</summary>
internal static class WhatsAppMediaEvents
{
    /// <summary>A valid 8×6 red PNG (a browser decodes it: naturalWidth 8).</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAAEUlEQVR4nGM4oaGBFTEMpAQAgPc0gUXKIv0AAAAASUVORK5CYII=");

    /// <summary>Posts an AdvancedMessageReceived with <paramref name="mediaId"/> (which the fake ACS must hold) to the Worker's webhook.</summary>
    public static async Task SendAsync(HttpClient worker, string webhookKey, string from, string mediaId, string mimeType, string fileName, string? caption, string? to = null)
    {
        var e = AcsWebhookDelivery.WhatsAppText(from.TrimStart('+'), null, to);
        e["data"]!["media"] = new JsonObject { ["id"] = mediaId, ["mimeType"] = mimeType, ["fileName"] = fileName, ["caption"] = caption };
        var response = await AcsWebhookDelivery.PostAsync(worker, webhookKey, e, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
