using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Push;
using Connector.Worker.Tests.WhatsApp;

namespace Connector.Worker.Tests.Api;

/// <summary>GET /api/conversations/{id}/attachments/{attachmentId}: the files of a timeline, over real HTTP, as the media job kept them.</summary>
public sealed class AttachmentEndpointTests
{
    private const string WebhookKey = "attachment-key";
    private const string Customer = "+447700900444";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_WhatsApp_photo_is_served_inline_to_the_agent_holding_it_an_HTML_file_only_as_a_sandboxed_download_and_others_get_403_or_404()
    {
        await using var setup = await WorkerWithFakeAcs.StartAsync(new Dictionary<string, string?>
        {
            ["Acs__WebhookKey"] = WebhookKey,
            ["Outbox__PollInterval"] = "00:00:00.200",
            ["Router__TickInterval"] = "00:00:00.100",
        }, Ct);
        var worker = setup.Worker;
        var photo = Enumerable.Range(0, 40_000).Select(i => (byte)(i * 13)).ToArray();
        var page = Encoding.UTF8.GetBytes("<html><body><script>fetch('/api/outbox')</script></body></html>");
        setup.Acs.AddMedia("photo-1", photo, "image/jpeg");
        setup.Acs.AddMedia("page-1", page, "text/html");
        const string photoName = "café \"router\".jpg";
        await WhatsAppMediaEvents.SendAsync(worker.Http, WebhookKey, Customer, "photo-1", "image/jpeg", photoName, "the lights");
        var conversation = (await worker.Http.GetFromJsonAsync<JsonElement>($"/api/customers?identity=whatsapp:{Customer}", Ct)).GetProperty("conversationIds")[0].GetGuid();
        await using var panel = HubClient.Start(await worker.AgentWithKeyAsync("ann"), afterSeq: -1, worker.BaseAddress);
        await panel.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", TimeSpan.FromSeconds(20), context: () => worker.Output);
        using var ann = await worker.TakeConversationAsync("ann", conversation, "whatsapp");
        await WhatsAppMediaEvents.SendAsync(worker.Http, WebhookKey, Customer, "page-1", "text/html", "invoice.html", null);
        // A file fetched after its message reaches the agent holding the conversation as it is attached.
        var added = (await panel.WaitForAsync(e => e.GetProperty("event").GetString() == "push" && e.GetProperty("type").GetString() == "attachmentAdded"
            && e.GetProperty("data").GetProperty("attachment").GetProperty("fileName").GetString() == "invoice.html", TimeSpan.FromSeconds(20), context: () => worker.Output)).GetProperty("data");

        var attachments = new List<JsonElement>();
        await Eventually.TrueAsync(async () =>
        {
            var view = await ann.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct);
            attachments = [.. view.GetProperty("timeline").EnumerateArray().SelectMany(e => e.GetProperty("attachments").EnumerateArray())];
            return attachments.Count == 2;
        }, TimeSpan.FromSeconds(20), () => worker.Output);
        var photoEntry = attachments.Single(a => a.GetProperty("fileName").GetString() == photoName);
        var pageEntry = attachments.Single(a => a.GetProperty("fileName").GetString() == "invoice.html");
        var photoUrl = photoEntry.GetProperty("url").GetString()!;
        Assert.Equal(conversation, added.GetProperty("conversationId").GetGuid());
        Assert.Equal(pageEntry.GetProperty("url").GetString(), added.GetProperty("attachment").GetProperty("url").GetString());
        Assert.Equal($"/api/conversations/{conversation}/attachments/{photoEntry.GetProperty("id").GetGuid()}", photoUrl);

        // The agent holding the conversation gets the bytes, shown inline, never sniffed, never script in our origin.
        var served = await ann.GetAsync(photoUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(photo, await served.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        var disposition = served.Content.Headers.ContentDisposition!;
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal(photoName, disposition.FileNameStar);
        Assert.DoesNotContain("\r", served.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox", served.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("bytes", served.Headers.AcceptRanges.Single());

        // A player's range request gets just that range.
        using var range = new HttpRequestMessage(HttpMethod.Get, photoUrl) { Headers = { Range = new RangeHeaderValue(1000, 1999) } };
        var part = await ann.SendAsync(range, Ct);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(photo[1000..2000], await part.Content.ReadAsByteArrayAsync(Ct));

        // An HTML file from the customer is a download, sandboxed should a browser open it anyway.
        var html = await ann.GetAsync(pageEntry.GetProperty("url").GetString(), Ct);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("attachment", html.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("invoice.html", html.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("sandbox", html.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", html.Headers.GetValues("X-Content-Type-Options").Single());

        // Another agent may not; nobody signed in may not; an admin may.
        (await worker.Http.PutAsJsonAsync("/api/agents/bob", new { name = "bob", capacityProfile = "standard" }, Ct)).EnsureSuccessStatusCode();
        var bob = await worker.AgentAsync("bob");
        await AssertProblemAsync(await bob.GetAsync(photoUrl, Ct), HttpStatusCode.Forbidden);
        using var anonymous = new HttpClient { BaseAddress = worker.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(photoUrl, Ct)).StatusCode);
        Assert.Equal(photo, await worker.Http.GetByteArrayAsync(photoUrl, Ct));

        // Unknown attachment of a known conversation, unknown conversation: 404 problem+json.
        await AssertProblemAsync(await ann.GetAsync($"/api/conversations/{conversation}/attachments/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
        await AssertProblemAsync(await ann.GetAsync($"/api/conversations/{Guid.NewGuid()}/attachments/{photoEntry.GetProperty("id").GetGuid()}", Ct), HttpStatusCode.NotFound);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
