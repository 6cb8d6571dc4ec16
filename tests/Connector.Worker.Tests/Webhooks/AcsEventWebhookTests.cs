using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Webhooks;

/// <summary>The Event Grid endpoint fed ACS's published payloads, in both schemas, over real HTTP.</summary>
public sealed class AcsEventWebhookTests(AcsEventWebhookTests.WebhookWorker shared) : IClassFixture<AcsEventWebhookTests.WebhookWorker>
{
    public const string Key = "wh-test-key";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Http => shared.Worker.Http;

    public sealed class WebhookWorker : IAsyncLifetime
    {
        public WorkerProcess Worker { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Acs__WebhookKey"] = Key, ["Identity__DefaultRegion"] = "GB" });
            await Worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        }

        public ValueTask DisposeAsync() => Worker.DisposeAsync();
    }

    [Fact]
    public async Task The_Event_Grid_subscription_handshake_is_answered_with_the_validation_code()
    {
        var body = SharedFixtures.Read("acs/Microsoft.EventGrid.SubscriptionValidationEvent.json");

        var response = await PostAsync(body, eventType: "SubscriptionValidation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", answer.GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task The_CloudEvents_abuse_protection_handshake_allows_the_asking_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/webhooks/acs/events?key={Key}");
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        var response = await Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
        using var forged = new HttpRequestMessage(HttpMethod.Options, "/webhooks/acs/events?key=nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.SendAsync(forged, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_WhatsApp_message_in_either_schema_lands_once_in_the_senders_conversation()
    {
        var eventGrid = "[" + SharedFixtures.Read("acs/Microsoft.Communication.AdvancedMessageReceived.json") + "]";
        var cloudEvent = SharedFixtures.Read("acs/Microsoft.Communication.AdvancedMessageReceived.cloudevent.json");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(eventGrid)).StatusCode);
        var second = await PostAsync(cloudEvent, contentType: "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("duplicates").GetInt32()); // same event id

        var timeline = await TimelineOfAsync("whatsapp:+12375679879");
        var message = Assert.Single(timeline);
        Assert.Equal("Come on guys, lets go for lunch together.", message.GetProperty("text").GetString());
        Assert.Equal("whatsapp", message.GetProperty("channel").GetString());
        Assert.Equal(DateTimeOffset.Parse("2024-03-22T17:06:11.2610383+00:00"), message.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_chat_message_arriving_as_thread_and_user_events_lands_once_per_sender()
    {
        var inThread = SharedFixtures.Read("acs/Microsoft.Communication.ChatMessageReceivedInThread.json");
        var userLevel = SharedFixtures.Read("acs/Microsoft.Communication.ChatMessageReceived.json");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("[" + inThread + "," + userLevel + "]")).StatusCode);
        // The same user-level event again, with a new event id (Event Grid's per-recipient copy): one message still.
        var copy = JsonNode.Parse(userLevel)!;
        copy["id"] = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("[" + copy.ToJsonString() + "]")).StatusCode);

        var bob = Assert.Single(await TimelineOfAsync("chat:8:acs:109f0644-b956-4cd9-87b1-71024f6e2f44_00000008-5cdb-4916-07fd-084822002624"));
        Assert.Equal("Talk about new Thread Events in commuication services", bob.GetProperty("text").GetString());
        var jhon = Assert.Single(await TimelineOfAsync("chat:8:acs:109f0644-b956-4cd9-87b1-71024f6e2f44_00000008-578d-7caf-07fd-084822001724"));
        Assert.Equal("Welcome to Azure Communication Services", jhon.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_WhatsApp_delivery_status_moves_the_agents_message_forward_and_never_back()
    {
        var phone = "+4477009" + Random.Shared.Next(10000, 99999);
        var first = await Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel = "whatsapp",
            type = "message",
            identities = new[] { new { kind = "whatsapp", value = phone } },
            text = "Hi",
        }, Ct);
        var conversationId = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("conversationId").GetGuid();
        var messageId = Guid.NewGuid().ToString();
        (await Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel = "whatsapp",
            type = "message",
            direction = "out",
            conversationId,
            identities = new[] { new { kind = "whatsapp", value = phone } },
            text = "Hello, how can I help?",
            externalRef = messageId,
        }, Ct)).EnsureSuccessStatusCode();
        var status = JsonNode.Parse(SharedFixtures.Read("acs/Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated.json"))!;

        foreach (var word in new[] { "read", "delivered" })
        {
            status["id"] = Guid.NewGuid().ToString();
            status["data"]!["messageId"] = messageId;
            status["data"]!["status"] = word;
            Assert.Equal(HttpStatusCode.OK, (await PostAsync("[" + status.ToJsonString() + "]")).StatusCode);
        }

        var view = await Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}", Ct);
        var sent = view.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("direction").GetString() == "out");
        Assert.Equal("read", sent.GetProperty("deliveryStatus").GetString());
    }

    [Fact]
    public async Task Event_types_the_connector_does_not_act_on_are_acknowledged_and_ignored()
    {
        var sms = "[" + SharedFixtures.Read("acs/Microsoft.Communication.SMSReceived.json") + "]";

        var response = await PostAsync(sms);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("ignored").GetInt32());
    }

    public static TheoryData<string, string, int> BadDeliveries() => new()
    {
        { "forged key", "key", 401 },
        { "bad JSON", "{\"id\": ", 400 },
        { "2 MB body", "big", 413 },
        { "missing sender", "nofrom", 400 },
        { "missing event id", "noid", 400 },
    };

    [Theory]
    [MemberData(nameof(BadDeliveries))]
    public async Task A_bad_delivery_gets_a_4xx_problem_stores_nothing_and_leaves_the_worker_healthy(string why, string kind, int status)
    {
        var valid = JsonNode.Parse(SharedFixtures.Read("acs/Microsoft.Communication.AdvancedMessageReceived.json"))!;
        valid["id"] = Guid.NewGuid().ToString();
        valid["data"]!["from"] = "447700900" + Random.Shared.Next(100, 999);
        var body = kind switch
        {
            "key" => "[" + valid.ToJsonString() + "]",
            "big" => "[" + valid.ToJsonString().Replace("Come on guys", new string('x', 2 * 1024 * 1024), StringComparison.Ordinal) + "]",
            "nofrom" => "[" + Without(valid, "data", "from") + "]",
            "noid" => "[" + Without(valid, null, "id") + "]",
            _ => kind,
        };

        var response = await PostAsync(body, key: kind == "key" ? "forged" : Key);

        Assert.True(status == (int)response.StatusCode, $"{why}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/customers?identity=whatsapp:{valid["data"]!["from"]}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health", Ct)).StatusCode);
    }

    private static string Without(JsonNode node, string? parent, string field)
    {
        var copy = node.DeepClone();
        ((parent is null ? copy : copy[parent]) as JsonObject)!.Remove(field);
        return copy.ToJsonString();
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string key = Key, string contentType = "application/json", string eventType = "Notification")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/acs/events?key={key}")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("aeg-event-type", eventType);
        return await Http.SendAsync(request, Ct);
    }

    private async Task<List<JsonElement>> TimelineOfAsync(string identity)
    {
        var customer = await Http.GetFromJsonAsync<JsonElement>($"/api/customers?identity={Uri.EscapeDataString(identity)}", Ct);
        var conversation = customer.GetProperty("conversationIds")[0].GetString();
        var view = await Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct);
        return view.GetProperty("timeline").EnumerateArray().ToList();
    }
}
