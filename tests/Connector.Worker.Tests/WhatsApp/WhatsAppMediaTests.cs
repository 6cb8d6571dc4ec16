using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;

namespace Connector.Worker.Tests.WhatsApp;

/// <summary>A customer's WhatsApp photo is fetched from ACS by a job and shown on its timeline entry.</summary>
public sealed class WhatsAppMediaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_WhatsApp_photo_is_downloaded_once_kept_and_attached_to_its_message()
    {
        await using var setup = await WorkerWithFakeAcs.StartAsync(new Dictionary<string, string?>
        {
            ["Acs__WebhookKey"] = "media-key",
            ["Outbox__PollInterval"] = "00:00:00.200",
        }, Ct);
        var photo = Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7)).ToArray();
        setup.Acs.AddMedia("media-123", photo, "image/jpeg");
        var e = AcsWebhookDelivery.WhatsAppText("447700900777", null);
        e["data"]!["media"] = new JsonObject { ["id"] = "media-123", ["mimeType"] = "image/jpeg", ["fileName"] = "router.jpg", ["caption"] = "the lights" };
        Assert.Equal(HttpStatusCode.OK, (await AcsWebhookDelivery.PostAsync(setup.Worker.Http, "media-key", e, Ct)).StatusCode);
        var customer = await setup.Worker.Http.GetFromJsonAsync<JsonElement>("/api/customers?identity=whatsapp:+447700900777", Ct);
        var conversation = customer.GetProperty("conversationIds")[0].GetString();

        JsonElement message = default;
        await Eventually.TrueAsync(async () =>
        {
            var view = await setup.Worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct);
            message = view.GetProperty("timeline")[0];
            return message.GetProperty("attachments").GetArrayLength() == 1;
        }, TimeSpan.FromSeconds(20), () => setup.Worker.Output);

        Assert.Equal("the lights", message.GetProperty("text").GetString());
        var attachment = message.GetProperty("attachments")[0];
        Assert.Equal("router.jpg", attachment.GetProperty("fileName").GetString());
        Assert.Equal("image/jpeg", attachment.GetProperty("contentType").GetString());
        Assert.Equal(photo.Length, attachment.GetProperty("sizeBytes").GetInt64());
        var kept = Directory.GetFiles(Path.Combine(setup.Worker.WorkingDirectory, "data", "media"), "*", SearchOption.AllDirectories);
        Assert.Equal(photo, await File.ReadAllBytesAsync(Assert.Single(kept), Ct));
        Assert.Single(setup.Acs.RequestsTo("/messages/streams/media-123"));
        var outbox = await setup.Worker.Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct);
        Assert.Contains(outbox.EnumerateArray(), r => r.GetProperty("kind").GetString() == "media.download" && r.GetProperty("state").GetString() == "done");
    }

    [Fact]
    public async Task A_WhatsApp_media_over_the_size_limit_leaves_no_file_and_no_part_and_its_row_says_why()
    {
        await using var setup = await WorkerWithFakeAcs.StartAsync(new Dictionary<string, string?>
        {
            ["Acs__WebhookKey"] = "media-key",
            ["Acs__WhatsApp__MaxMediaBytes"] = "20000",
            ["Outbox__PollInterval"] = "00:00:00.200",
        }, Ct);
        setup.Acs.AddMedia("media-big", new byte[50_000], "video/mp4");
        var e = AcsWebhookDelivery.WhatsAppText("447700900778", null);
        e["data"]!["media"] = new JsonObject { ["id"] = "media-big", ["mimeType"] = "video/mp4", ["fileName"] = "clip.mp4" };
        Assert.Equal(HttpStatusCode.OK, (await AcsWebhookDelivery.PostAsync(setup.Worker.Http, "media-key", e, Ct)).StatusCode);

        JsonElement row = default;
        await Eventually.TrueAsync(async () =>
        {
            var outbox = await setup.Worker.Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct);
            row = outbox.EnumerateArray().FirstOrDefault(r => r.GetProperty("kind").GetString() == "media.download");
            return row.ValueKind == JsonValueKind.Object && row.GetProperty("lastError").GetString() is { } error && error.Contains("limit", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20), () => setup.Worker.Output);

        Assert.Contains("20000 bytes", row.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.NotEqual("done", row.GetProperty("state").GetString());
        var media = Path.Combine(setup.Worker.WorkingDirectory, "data", "media");
        Assert.Empty(Directory.Exists(media) ? Directory.GetFiles(media, "*", SearchOption.AllDirectories) : []);
        var customer = await setup.Worker.Http.GetFromJsonAsync<JsonElement>("/api/customers?identity=whatsapp:+447700900778", Ct);
        var view = await setup.Worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{customer.GetProperty("conversationIds")[0].GetString()}", Ct);
        Assert.Equal(0, view.GetProperty("timeline")[0].GetProperty("attachments").GetArrayLength());
    }
}
