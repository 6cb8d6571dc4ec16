using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Connector.Worker.Acs;
using Connector.Worker.Tests.Fakes.Acs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Worker.Tests.Acs;

/// <summary>The fake refuses what ACS refuses, so a client that passes against it is not passing by leniency.</summary>
public sealed class FakeAcsServerTests : IAsyncLifetime
{
    private FakeAcsServer fake = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => fake = await FakeAcsServer.StartAsync(cancellationToken: Ct);

    public ValueTask DisposeAsync() => fake.DisposeAsync();

    [Theory]
    [InlineData("identities", "MissingApiVersionParameter")]
    [InlineData("identities?api-version=2099-01-01", "UnsupportedApiVersion")]
    public async Task A_call_without_a_supported_api_version_is_refused(string path, string code)
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        var http = clients.Get<IHttpClientFactory>().CreateClient(nameof(AcsIdentityClient));

        using var response = await http.PostAsync(new Uri(fake.Endpoint, path), new StringContent("{}"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, ErrorCode(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task An_unsigned_call_is_refused_with_the_ACS_error_body()
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(fake.Endpoint, "./emails:send?api-version=2023-03-31"), new StringContent("{}"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Denied", ErrorCode(await response.Content.ReadAsStringAsync(Ct)));
        Assert.Equal("Denied", response.Headers.GetValues("x-ms-error-code").Single());
    }

    [Theory]
    [InlineData("""{"content":{"subject":"s"},"recipients":{"to":[{"address":"a@example.com"}]}}""", "'senderAddress' is required")]
    [InlineData("""{"senderAddress":"s@example.com","recipients":{"to":[{"address":"a@example.com"}]}}""", "'content.subject' is required")]
    [InlineData("""{"senderAddress":"s@example.com","content":{"subject":"s"},"recipients":{"to":[]}}""", "'recipients.to' must list")]
    public async Task An_email_without_a_required_field_is_refused_with_400(string body, string message)
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        var http = clients.Get<IHttpClientFactory>().CreateClient(nameof(AcsEmailClient));

        using var response = await http.PostAsync(new Uri(fake.Endpoint, "./emails:send?api-version=2023-03-31"), new StringContent(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(fake.EmailOperations);
    }

    [Fact]
    public async Task A_repeated_repeatability_id_sends_the_WhatsApp_message_once()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        var http = clients.Get<IHttpClientFactory>().CreateClient(nameof(AcsMessagesClient));
        var body = new JsonObject
        {
            ["channelRegistrationId"] = AcsClientsUnderTest.ChannelRegistrationId,
            ["to"] = new JsonArray("447700900123"),
            ["kind"] = "text",
            ["content"] = "hi",
        }.ToJsonString();
        var id = Guid.NewGuid().ToString();
        var firstSent = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);

        var receipts = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fake.Endpoint, "messages/notifications:send?api-version=2024-08-30"))
            {
                Content = new StringContent(body),
            };
            request.Headers.Add("Repeatability-Request-ID", id);
            request.Headers.Add("Repeatability-First-Sent", firstSent);
            using var response = await http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal("accepted", response.Headers.GetValues("Repeatability-Result").Single());
            receipts.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["receipts"]![0]!["messageId"]!.GetValue<string>());
        }

        Assert.Single(fake.Notifications);
        Assert.Equal(receipts[0], receipts[1]);
    }

    [Fact]
    public async Task Queued_faults_answer_in_order_then_the_service_answers_again()
    {
        await using var clients = AcsClientsUnderTest.For(fake);
        fake.FailNext(2, HttpStatusCode.ServiceUnavailable, pathContains: "/identities");
        var http = clients.Get<IHttpClientFactory>().CreateClient("plain");

        using var first = await http.GetAsync(new Uri(fake.Endpoint, "identities"), Ct);
        using var second = await http.GetAsync(new Uri(fake.Endpoint, "identities"), Ct);
        var user = await clients.Get<AcsIdentityClient>().CreateChatUserAsync(null, Ct);

        Assert.Equal([503, 503, 201], fake.Requests.Select(r => r.StatusCode));
        Assert.NotEmpty(user.UserId);
    }

    [Fact]
    public async Task Event_Grid_deliveries_reach_the_webhook_as_a_JSON_array_with_Event_Grid_headers()
    {
        var received = new ConcurrentQueue<(string? EventType, string Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var webhook = builder.Build();
        webhook.MapPost("/webhooks/acs/events", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            received.Enqueue((context.Request.Headers["aeg-event-type"], await reader.ReadToEndAsync(context.RequestAborted)));
            return Results.Ok();
        });
        await webhook.StartAsync(Ct);
        var events = FakeEventGridEvents.Batch(FakeEventGridEvents.Create(
            "Microsoft.Communication.AdvancedMessageReceived",
            "advancedMessage/sender/14255550123/recipient/" + AcsClientsUnderTest.ChannelRegistrationId,
            new JsonObject { ["content"] = "Hello", ["channelType"] = "whatsapp", ["from"] = "14255550123" }));

        using var response = await FakeAcsServer.PostEventGridEventsAsync(new Uri(webhook.Urls.First() + "/webhooks/acs/events?key=k"), events, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (eventType, body) = Assert.Single(received);
        Assert.Equal("Notification", eventType);
        var delivered = Assert.Single(JsonNode.Parse(body)!.AsArray())!;
        Assert.Equal("Microsoft.Communication.AdvancedMessageReceived", delivered["eventType"]!.GetValue<string>());
        Assert.Equal("Hello", delivered["data"]!["content"]!.GetValue<string>());
        await webhook.StopAsync(Ct);
    }

    private static string? ErrorCode(string body) => JsonNode.Parse(body)?["error"]?["code"]?.GetValue<string>();
}
