using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Connector.Worker.Acs;
using Connector.Worker.Tests.Fakes.Acs;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Worker.Tests.Acs;

public sealed class AcsMessagesClientTests : IAsyncLifetime
{
    private FakeAcsServer fake = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        fake = await FakeAcsServer.StartAsync(new FakeAcsServerOptions { WhatsAppChannelRegistrationIds = [AcsClientsUnderTest.ChannelRegistrationId] }, Ct);

    public ValueTask DisposeAsync() => fake.DisposeAsync();

    [Fact]
    public async Task A_text_goes_to_the_configured_channel_registration_addressed_by_E164_digits()
    {
        await using var clients = AcsClientsUnderTest.For(fake);

        var receipt = await clients.Get<AcsMessagesClient>().SendTextAsync("+447700900123", "Your order ships today", Ct);

        var sent = Assert.Single(fake.Notifications);
        Assert.Equal(Assert.Single(sent.MessageIds), receipt.MessageId);
        Assert.Equal("447700900123", receipt.To);
        Assert.Equal(
            $$"""{"channelRegistrationId":"{{AcsClientsUnderTest.ChannelRegistrationId}}","to":["447700900123"],"content":"Your order ships today","kind":"text"}""",
            sent.Body.ToJsonString());
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("/messages/notifications:send?api-version=2024-08-30", 202), (request.Target, request.StatusCode));
    }

    [Fact]
    public async Task A_template_binds_its_parameters_to_the_body_placeholders_in_order()
    {
        await using var clients = AcsClientsUnderTest.For(fake);

        await clients.Get<AcsMessagesClient>().SendTemplateAsync("+14250000000", new AcsWhatsAppTemplate("order_update", "en_GB", ["Ada", "1234"]), Ct);

        var template = Assert.Single(fake.Notifications).Body["template"]!;
        Assert.Equal("template", Assert.Single(fake.Notifications).Kind);
        Assert.Equal(
            """{"name":"order_update","language":"en_GB","values":[{"name":"p1","kind":"text","text":"Ada"},{"name":"p2","kind":"text","text":"1234"}],"bindings":{"kind":"whatsApp","body":[{"refValue":"p1"},{"refValue":"p2"}]}}""",
            template.ToJsonString());
    }

    [Fact]
    public async Task Sends_are_repeatable_requests_with_a_UUID_and_an_RFC_1123_first_sent_date()
    {
        await using var clients = AcsClientsUnderTest.For(fake);

        await clients.Get<AcsMessagesClient>().SendTextAsync("+447700900123", "hi", Ct);

        var request = Assert.Single(fake.Requests);
        Assert.True(Guid.TryParse(request.Header("Repeatability-Request-ID"), out _));
        var firstSent = DateTimeOffset.ParseExact(request.Header("Repeatability-First-Sent")!, "r", CultureInfo.InvariantCulture);
        Assert.InRange(firstSent, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.EndsWith(" GMT", request.Header("Repeatability-First-Sent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbound_media_is_streamed_into_the_destination()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        var picture = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        fake.AddMedia("a1b2c3d4-media", picture, "image/jpeg");
        using var destination = new MemoryStream();

        var download = await clients.Get<AcsMessagesClient>().DownloadMediaAsync("a1b2c3d4-media", destination, 1_000_000, Ct);

        Assert.Equal(("image/jpeg", picture.LongLength), (download.ContentType, download.Length));
        Assert.Equal(picture, destination.ToArray());
        Assert.Equal("/messages/streams/a1b2c3d4-media?api-version=2024-08-30", Assert.Single(fake.Requests).Target);
    }

    [Fact]
    public async Task Unknown_media_fails_with_the_ACS_status_and_code()
    {
        await using var clients = AcsClientsUnderTest.For(fake);

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() =>
            clients.Get<AcsMessagesClient>().DownloadMediaAsync("missing", Stream.Null, 1_000_000, Ct));

        Assert.Equal((HttpStatusCode.NotFound, "NotFound"), (error.StatusCode, error.ErrorCode));
    }

    [Fact]
    public async Task A_wrong_access_key_is_refused_with_ACS_Denied_and_nothing_is_sent()
    {
        await using var clients = AcsClientsUnderTest.For(fake, fake.ConnectionStringWithKey(Convert.ToBase64String("wrong"u8)));

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsMessagesClient>().SendTextAsync("+447700900123", "hi", Ct));

        Assert.Equal((HttpStatusCode.Unauthorized, "Denied"), (error.StatusCode, error.ErrorCode));
        Assert.Empty(fake.Notifications);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused_and_nothing_is_sent()
    {
        await using var clients = AcsClientsUnderTest.For(fake, configure: services =>
            services.AddHttpClient<AcsMessagesClient>().AddHttpMessageHandler(() => new BodyTamperingHandler()));

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsMessagesClient>().SendTextAsync("+447700900123", "hi", Ct));

        Assert.Equal((HttpStatusCode.Unauthorized, "Denied"), (error.StatusCode, error.ErrorCode));
        Assert.Empty(fake.Notifications);
    }

    [Fact]
    public async Task A_channel_registration_ACS_does_not_know_is_refused()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Acs:ConnectionString"] = fake.ConnectionString,
            ["Acs:WhatsApp:ChannelRegistrationId"] = Guid.NewGuid().ToString(),
        };
        await using var clients = AcsClientsUnderTest.Build(settings);

        var error = await Assert.ThrowsAsync<AcsRequestFailedException>(() => clients.Get<AcsMessagesClient>().SendTextAsync("+447700900123", "hi", Ct));

        Assert.Equal((HttpStatusCode.NotFound, "ChannelNotFound"), (error.StatusCode, error.ErrorCode));
    }

    [Fact]
    public async Task The_fake_refuses_a_send_without_the_fields_ACS_requires()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        var http = clients.Get<IHttpClientFactory>().CreateClient(nameof(AcsMessagesClient));
        var body = new JsonObject { ["channelRegistrationId"] = AcsClientsUnderTest.ChannelRegistrationId, ["to"] = new JsonArray("447700900123"), ["kind"] = "text" };

        using var response = await http.PostAsync(
            new Uri(fake.Endpoint, "messages/notifications:send?api-version=2024-08-30"), new StringContent(body.ToJsonString()), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequest", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!["code"]!.GetValue<string>());
        Assert.Contains("'content' is required", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
