using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;

namespace Connector.Worker.Tests.Webhooks;

/// <summary>
/// The Event Grid endpoint fed ACS events in both schemas, over real HTTP. Each theory runs on our own payloads
/// (<see cref="AcsEvents"/>), and also on ACS's published samples where the shared fixtures folder is present.
/// </summary>
public sealed class AcsEventWebhookTests(AcsEventWebhookTests.WebhookWorker shared) : IClassFixture<AcsEventWebhookTests.WebhookWorker>
{
    public const string Key = "wh-test-key";
    public const string PreviousKey = "wh-test-key-before-rotation";
    private const string OwnPayload = "own payload";
    private const string SharedFixture = "shared fixture";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Http => shared.Worker.Http;

    public sealed class WebhookWorker : IAsyncLifetime
    {
        public WorkerProcess Worker { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Worker = WorkerProcess.Start(new Dictionary<string, string?>
            {
                ["Acs__WebhookKey"] = Key,
                ["Acs__PreviousWebhookKey"] = PreviousKey,
                ["Identity__DefaultRegion"] = "GB",
            });
            await Worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        }

        public ValueTask DisposeAsync() => Worker.DisposeAsync();
    }

    public static IEnumerable<TheoryDataRow<string, string>> ValidationEvents()
    {
        yield return new(AcsEvents.SubscriptionValidationEvent, "60682ef4-7f17-48fb-9bdf-a8fe6370b591") { Label = OwnPayload };
        if (SharedFixtures.TryRead("acs/Microsoft.EventGrid.SubscriptionValidationEvent.json") is { } sample)
        {
            yield return new(sample, "512d38b6-c7b8-40c8-89fe-f46f9e9622b6") { Label = SharedFixture };
        }
    }

    [Theory]
    [MemberData(nameof(ValidationEvents))]
    public async Task The_Event_Grid_subscription_handshake_is_answered_with_the_validation_code(string body, string validationCode)
    {
        var response = await PostAsync(body, eventType: "SubscriptionValidation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(validationCode, answer.GetProperty("validationResponse").GetString());
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

    /// <summary>The same event in the Event Grid schema and in CloudEvents, with its sender, text and time.</summary>
    public static IEnumerable<TheoryDataRow<string, string, string, string, string>> WhatsAppMessagesInBothSchemas()
    {
        yield return new(
            AcsEvents.AdvancedMessageReceived, AcsEvents.AdvancedMessageReceivedCloudEvent, "whatsapp:+447700900042",
            "Hello, the broadband light on my router has been flashing red since this morning.", "2026-10-14T08:42:17.3904521+00:00")
        { Label = OwnPayload };
        if (SharedFixtures.TryRead("acs/Microsoft.Communication.AdvancedMessageReceived.json") is { } eventGrid
            && SharedFixtures.TryRead("acs/Microsoft.Communication.AdvancedMessageReceived.cloudevent.json") is { } cloudEvent)
        {
            yield return new(
                eventGrid, cloudEvent, "whatsapp:+12375679879", "Come on guys, lets go for lunch together.", "2024-03-22T17:06:11.2610383+00:00")
            { Label = SharedFixture };
        }
    }

    [Theory]
    [MemberData(nameof(WhatsAppMessagesInBothSchemas))]
    public async Task A_WhatsApp_message_in_either_schema_lands_once_in_the_senders_conversation(
        string eventGridEvent, string cloudEvent, string sender, string text, string receivedAt)
    {
        var eventGrid = "[" + eventGridEvent + "]";

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(eventGrid)).StatusCode);
        var second = await PostAsync(cloudEvent, contentType: "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("duplicates").GetInt32()); // same event id

        var timeline = await TimelineOfAsync(sender);
        var message = Assert.Single(timeline);
        Assert.Equal(text, message.GetProperty("text").GetString());
        Assert.Equal("whatsapp", message.GetProperty("channel").GetString());
        Assert.Equal(DateTimeOffset.Parse(receivedAt), message.GetProperty("at").GetDateTimeOffset());
    }

    /// <summary>A thread-level event and a user-level event (two messages, two senders), with each sender and text.</summary>
    public static IEnumerable<TheoryDataRow<string, string, string, string, string, string>> ChatMessagesAtBothLevels()
    {
        yield return new(
            AcsEvents.ChatMessageReceivedInThread, AcsEvents.ChatMessageReceived,
            "chat:8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-3a7e-51c9-02c3-593a0d004e1b",
            "Hello, I ordered a replacement router last week and it still hasn't arrived.",
            "chat:8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-3b05-8d12-b5f4-343a0d00a7c6",
            "Thanks, an engineer visit on Thursday morning works for me.")
        { Label = OwnPayload };
        if (SharedFixtures.TryRead("acs/Microsoft.Communication.ChatMessageReceivedInThread.json") is { } inThread
            && SharedFixtures.TryRead("acs/Microsoft.Communication.ChatMessageReceived.json") is { } userLevel)
        {
            yield return new(
                inThread, userLevel,
                "chat:8:acs:109f0644-b956-4cd9-87b1-71024f6e2f44_00000008-5cdb-4916-07fd-084822002624",
                "Talk about new Thread Events in commuication services",
                "chat:8:acs:109f0644-b956-4cd9-87b1-71024f6e2f44_00000008-578d-7caf-07fd-084822001724",
                "Welcome to Azure Communication Services")
            { Label = SharedFixture };
        }
    }

    [Theory]
    [MemberData(nameof(ChatMessagesAtBothLevels))]
    public async Task A_chat_message_arriving_as_thread_and_user_events_lands_once_per_sender(
        string inThread, string userLevel, string threadSender, string threadText, string userSender, string userText)
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("[" + inThread + "," + userLevel + "]")).StatusCode);
        // The same user-level event again, with a new event id (Event Grid's per-recipient copy): one message still.
        var copy = JsonNode.Parse(userLevel)!;
        copy["id"] = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("[" + copy.ToJsonString() + "]")).StatusCode);

        var threadMessage = Assert.Single(await TimelineOfAsync(threadSender));
        Assert.Equal(threadText, threadMessage.GetProperty("text").GetString());
        var userMessage = Assert.Single(await TimelineOfAsync(userSender));
        Assert.Equal(userText, userMessage.GetProperty("text").GetString());
    }

    public static IEnumerable<TheoryDataRow<string>> DeliveryStatusEvents()
    {
        yield return new(AcsEvents.AdvancedMessageDeliveryStatusUpdated) { Label = OwnPayload };
        if (SharedFixtures.TryRead("acs/Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated.json") is { } sample)
        {
            yield return new(sample) { Label = SharedFixture };
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryStatusEvents))]
    public async Task A_WhatsApp_delivery_status_moves_the_agents_message_forward_and_never_back(string statusEvent)
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
        var status = JsonNode.Parse(statusEvent)!;

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

    public static IEnumerable<TheoryDataRow<string>> EventsTheConnectorDoesNotActOn()
    {
        yield return new(AcsEvents.SmsReceived) { Label = OwnPayload };
        if (SharedFixtures.TryRead("acs/Microsoft.Communication.SMSReceived.json") is { } sample)
        {
            yield return new(sample) { Label = SharedFixture };
        }
    }

    [Theory]
    [MemberData(nameof(EventsTheConnectorDoesNotActOn))]
    public async Task Event_types_the_connector_does_not_act_on_are_acknowledged_and_ignored(string smsEvent)
    {
        var sms = "[" + smsEvent + "]";

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
        var valid = JsonNode.Parse(AcsEvents.AdvancedMessageReceived)!;
        valid["id"] = Guid.NewGuid().ToString();
        valid["data"]!["from"] = "447700900" + Random.Shared.Next(100, 999);
        var body = kind switch
        {
            "key" => "[" + valid.ToJsonString() + "]",
            "big" => "[" + With(valid, "data", "content", new string('x', 2 * 1024 * 1024)) + "]",
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

    [Fact]
    public async Task During_a_key_rotation_a_delivery_carrying_the_previous_key_still_lands_and_any_other_key_is_refused()
    {
        var sender = "447700900" + Random.Shared.Next(100, 999);
        var message = JsonNode.Parse(AcsEvents.AdvancedMessageReceived)!;
        message["id"] = Guid.NewGuid().ToString();
        message["data"]!["from"] = sender;

        var wrong = await PostAsync("[" + message.ToJsonString() + "]", key: PreviousKey + "x");
        var previous = await PostAsync("[" + message.ToJsonString() + "]", key: PreviousKey);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, previous.StatusCode);
        Assert.Single(await TimelineOfAsync($"whatsapp:+{sender}"));
    }

    private static string With(JsonNode node, string parent, string field, string value)
    {
        var copy = node.DeepClone();
        copy[parent]![field] = value;
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
