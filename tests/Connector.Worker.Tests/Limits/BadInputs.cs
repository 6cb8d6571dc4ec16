using System.Text.Json.Nodes;

namespace Connector.Worker.Tests.Limits;

/// <summary>One bad request: where it goes, as whom, and the field its problem must name (null where none applies).</summary>
/// <param name="Caller"><c>admin</c>, <c>agent</c> or <c>anonymous</c> (the webhooks carry their key in the URL).</param>
public sealed record BadInput(string Surface, string Method, string Path, string Body, string ContentType, string Caller, string? Field, string What)
{
    public override string ToString() => $"{Surface}: {What}";
}

/// <summary>
/// Generates malformed deliveries and requests, deterministically from a seed: each well-formed template is broken
/// one way at a time (wrong types, duplicate keys, bad times, nulls in arrays, huge strings, unknown values,
/// missing data), and the Event Grid batches mix a well-formed event with a broken one, so that storing any part of a
/// refused delivery would show in the store's counts.
/// </summary>
public sealed class BadInputs(int seed, string webhookKey, string agentId)
{
    public const string EventsPath = "/webhooks/acs/events";
    public const string CallsPath = "/webhooks/acs/calls";
    private readonly Random _random = new(seed);
    private string Events => $"{EventsPath}?key={webhookKey}";
    private string Calls => $"{CallsPath}?key={webhookKey}";

    public List<BadInput> All()
    {
        var all = new List<BadInput>();
        all.AddRange(Webhook());
        all.AddRange(CallCallbacks());
        all.AddRange(InboundEvents());
        all.AddRange(OtherEndpoints());
        return all;
    }

    private Guid NewId()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private string Phone() => $"4477009{_random.Next(10000, 99999)}";

    private static string Huge(char c, int length) => new(c, length);

    // ---- Event Grid webhook -------------------------------------------------------------------------------------

    private delegate JsonObject Template(BadInputs g);

    /// <summary>An event type the connector acts on, its well-formed data, and how its data can be broken.</summary>
    private sealed record EventKind(string Type, Func<BadInputs, JsonObject> Data, (string Field, Func<BadInputs, JsonNode?> Value)[] BadData, string[] Required);

    private static readonly EventKind[] Kinds =
    [
        new("Microsoft.Communication.AdvancedMessageReceived",
            g => new JsonObject { ["channelType"] = "whatsapp", ["messageId"] = g.NewId().ToString(), ["from"] = g.Phone(), ["to"] = "0b410386-599c-4c53-aa0a-181eddaf50c3", ["receivedTimestamp"] = "2026-10-14T08:42:17.39+00:00", ["content"] = "Hello, my router is blinking." },
            [
                ("from", _ => 447700900123), ("from", _ => new JsonObject()), ("from", _ => new JsonArray()), ("from", _ => true), ("from", _ => ""),
                ("from", _ => "not-a-number"), ("from", _ => Huge('9', 5000)), ("from", _ => null),
                ("receivedTimestamp", _ => "not a date"), ("receivedTimestamp", _ => 1728895337), ("receivedTimestamp", _ => new JsonObject()), ("receivedTimestamp", _ => "2026-13-45T99:00:00Z"),
                ("content", _ => 5), ("content", _ => new JsonObject()), ("content", _ => Huge('x', 40_000)),
                ("messageId", _ => 5), ("messageId", _ => new JsonArray()), ("messageId", _ => Huge('m', 600)),
                ("media", _ => "a picture"), ("media", _ => new JsonObject { ["id"] = 5 }), ("channelType", _ => 7),
            ],
            ["from"]),
        new("Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated",
            g => new JsonObject { ["messageId"] = g.NewId().ToString(), ["status"] = "delivered", ["to"] = g.Phone(), ["receivedTimestamp"] = "2026-10-14T08:42:17Z" },
            [("messageId", _ => 5), ("messageId", _ => ""), ("messageId", _ => null), ("status", _ => 5), ("status", _ => new JsonArray()), ("receivedTimestamp", _ => "soon")],
            ["messageId"]),
        new("Microsoft.Communication.ChatMessageReceivedInThread",
            g => new JsonObject
            {
                ["messageBody"] = "Where is my order?", ["messageId"] = g.NewId().ToString(), ["threadId"] = $"19:{g.NewId():N}@thread.v2", ["type"] = "Text",
                ["senderCommunicationIdentifier"] = new JsonObject { ["rawId"] = $"8:acs:{g.NewId()}" }, ["composeTime"] = "2026-10-14T08:42:17Z",
            },
            [
                ("messageId", _ => 5), ("messageId", _ => null), ("threadId", _ => 7), ("threadId", _ => null), ("messageBody", _ => 7), ("messageBody", _ => Huge('b', 40_000)),
                ("senderCommunicationIdentifier", _ => "someone"), ("senderCommunicationIdentifier", _ => new JsonObject { ["rawId"] = 5 }), ("senderCommunicationIdentifier", _ => null),
                ("composeTime", _ => "not a date"), ("composeTime", _ => 5),
            ],
            ["messageId", "threadId", "senderCommunicationIdentifier"]),
        new("Microsoft.Communication.EmailDeliveryReportReceived",
            g => new JsonObject { ["messageId"] = g.NewId().ToString(), ["status"] = "Delivered", ["recipient"] = "ana@customer.example", ["deliveryAttemptTimestamp"] = "2026-10-14T08:42:17Z" },
            [("messageId", _ => 5), ("messageId", _ => null), ("status", _ => 5), ("deliveryAttemptTimestamp", _ => "late")],
            ["messageId"]),
        new("Microsoft.EventGrid.SubscriptionValidationEvent",
            g => new JsonObject { ["validationCode"] = g.NewId().ToString(), ["validationUrl"] = "https://rp-eastus2.eventgrid.azure.net/validate" },
            [("validationCode", _ => 5), ("validationCode", _ => new JsonObject()), ("validationCode", _ => ""), ("validationCode", _ => null)],
            ["validationCode"]),
        new("Microsoft.Communication.IncomingCall",
            g => new JsonObject
            {
                ["to"] = new JsonObject { ["kind"] = "phoneNumber", ["rawId"] = "4:+442071234567", ["phoneNumber"] = new JsonObject { ["value"] = "+442071234567" } },
                ["from"] = new JsonObject { ["kind"] = "phoneNumber", ["rawId"] = $"4:+{g.Phone()}", ["phoneNumber"] = new JsonObject { ["value"] = $"+{g.Phone()}" } },
                ["serverCallId"] = g.NewId().ToString(), ["incomingCallContext"] = $"eyJ{g.NewId():N}", ["correlationId"] = g.NewId().ToString(),
            },
            [("incomingCallContext", _ => 5), ("incomingCallContext", _ => null), ("from", _ => "a caller"), ("from", _ => null), ("from", _ => new JsonObject { ["rawId"] = 5 })],
            ["incomingCallContext", "from"]),
        new("Microsoft.Communication.RecordingFileStatusUpdated",
            g => new JsonObject
            {
                ["recordingStorageInfo"] = new JsonObject
                {
                    ["recordingChunks"] = new JsonArray(new JsonObject
                    {
                        ["documentId"] = g.NewId().ToString(), ["index"] = 0, ["endReason"] = "SessionEnded",
                        ["contentLocation"] = "https://storage.asm.skype.com/v1/objects/0-eus-d1-1/content/video", ["metadataLocation"] = "https://storage.asm.skype.com/v1/objects/0-eus-d1-1/content/acsmetadata",
                    }),
                },
                ["recordingStartTime"] = "2026-10-14T08:42:17Z", ["recordingDurationMs"] = 42000,
            },
            [
                ("recordingStorageInfo", _ => "somewhere"), ("recordingStorageInfo", _ => null), ("recordingStorageInfo", _ => new JsonObject { ["recordingChunks"] = new JsonArray() }),
                ("recordingStorageInfo", _ => new JsonObject { ["recordingChunks"] = new JsonArray((JsonNode?)null) }),
                ("recordingStorageInfo", _ => new JsonObject { ["recordingChunks"] = new JsonArray(new JsonObject { ["documentId"] = 5 }) }),
                ("recordingStorageInfo", _ => new JsonObject { ["recordingChunks"] = new JsonArray(new JsonObject { ["documentId"] = "d-1" }) }),
                ("recordingStartTime", _ => "yesterday"), ("recordingDurationMs", _ => "long"),
            ],
            ["recordingStorageInfo"]),
    ];

    private JsonObject Event(EventKind kind, bool cloud, JsonObject? data = null)
    {
        var id = NewId().ToString();
        return cloud
            ? new JsonObject
            {
                ["specversion"] = "1.0",
                ["type"] = kind.Type,
                ["source"] = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs",
                ["id"] = id,
                ["time"] = "2026-10-14T08:42:17.9126634Z",
                ["subject"] = "fuzz",
                ["datacontenttype"] = "application/json",
                ["data"] = data ?? kind.Data(this),
            }
            : new JsonObject
            {
                ["id"] = id,
                ["topic"] = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs",
                ["subject"] = "fuzz",
                ["eventType"] = kind.Type,
                ["eventTime"] = "2026-10-14T08:42:17.9126634Z",
                ["dataVersion"] = "1.0",
                ["metadataVersion"] = "1",
                ["data"] = data ?? kind.Data(this),
            };
    }

    /// <summary>Envelope breakages: (field in either schema's own name, value; null removes it).</summary>
    private static readonly (string Field, Func<JsonNode?> Value, bool Remove)[] EnvelopeBreaks =
    [
        ("id", () => null, true), ("id", () => 5, false), ("id", () => "", false), ("id", () => Huge('i', 600), false), ("id", () => new JsonObject(), false),
        ("type", () => null, true), ("type", () => 5, false), ("type", () => new JsonArray(), false),
        ("time", () => "yesterday", false), ("time", () => 1728895337, false), ("time", () => "", false), ("time", () => "2026-02-30T10:00:00Z", false), ("time", () => new JsonObject(), false),
        ("subject", () => 5, false), ("data", () => null, true), ("data", () => "text", false), ("data", () => new JsonArray(), false), ("data", () => 5, false),
    ];

    private IEnumerable<BadInput> Webhook()
    {
        foreach (var cloud in new[] { false, true })
        {
            var schema = cloud ? "CloudEvents" : "Event Grid";
            var contentType = cloud ? "application/cloudevents-batch+json" : "application/json";
            foreach (var kind in Kinds)
            {
                var shortType = kind.Type[(kind.Type.LastIndexOf('.') + 1)..];
                foreach (var (field, value) in kind.BadData)
                {
                    var data = kind.Data(this);
                    data[field] = value(this);
                    yield return Delivery(schema, contentType, [Event(kind, cloud, data)], $"data.{field}", $"{shortType} with data.{field} = {Describe(data[field])}");
                    // The same in a batch after a well-formed event: nothing of the batch may be kept.
                    var batchData = kind.Data(this);
                    batchData[field] = value(this);
                    yield return Delivery(schema, contentType, [Event(Pick(), cloud), Event(kind, cloud, batchData)], $"data.{field}", $"{shortType} batch, second event's data.{field} = {Describe(batchData[field])}");
                }

                foreach (var required in kind.Required)
                {
                    var data = kind.Data(this);
                    data.Remove(required);
                    yield return Delivery(schema, contentType, [Event(kind, cloud, data)], null, $"{shortType} without data.{required}");
                }

                foreach (var (field, value, remove) in EnvelopeBreaks)
                {
                    var e = Event(kind, cloud);
                    var name = Envelope(field, cloud);
                    if (remove)
                    {
                        e.Remove(name);
                    }
                    else
                    {
                        e[name] = value();
                    }

                    // Without data an event type that needs none could pass: only the types that need it break on data.
                    yield return Delivery(schema, contentType, [Event(Pick(), cloud), e], remove && field != "data" ? null : name is "data" ? null : name,
                        $"{shortType} with {name} {(remove ? "missing" : "= " + Describe(e[name]))}");
                }

                // Duplicate keys, in the envelope and in data, exact and in another letter case.
                var twice = Event(kind, cloud).ToJsonString();
                yield return Raw(schema, contentType, "[" + twice.Insert(1, "\"id\":\"" + NewId() + "\",") + "]", null, $"{shortType} with id twice");
                yield return Raw(schema, contentType, "[" + twice.Insert(1, "\"ID\":\"" + NewId() + "\",") + "]", "id", $"{shortType} with id and ID");
                var dataAt = twice.IndexOf("\"data\":{", StringComparison.Ordinal) + "\"data\":{".Length;
                var firstKey = twice[dataAt..].Split('"')[1];
                yield return Raw(schema, contentType, "[" + twice.Insert(dataAt, $"\"{firstKey}\":\"dup\",") + "]", null, $"{shortType} with data.{firstKey} twice");
                yield return Raw(schema, contentType, "[" + twice.Insert(dataAt, $"\"{char.ToUpperInvariant(firstKey[0])}{firstKey[1..]}\":\"dup\",") + "]", null, $"{shortType} with data.{firstKey} twice in two letter cases");
            }

            // Nulls and non-objects in the batch, next to a well-formed event.
            foreach (var item in new[] { "null", "5", "\"event\"", "[]", "true" })
            {
                yield return Raw(schema, contentType, $"[{Event(Pick(), cloud).ToJsonString()},{item}]", "[1]", $"batch with {item} as its second event");
            }

            if (cloud)
            {
                var e = Event(Pick(), cloud);
                e["specversion"] = "0.3";
                yield return Delivery(schema, contentType, [e], "specversion", "specversion 0.3");
                e = Event(Pick(), cloud);
                e["specversion"] = 1;
                yield return Delivery(schema, contentType, [e], "specversion", "specversion 1 (a number)");
            }
        }

        // Handshake-like shapes: a validation event whose code is not one, a CloudEvents validation with bad data.
        foreach (var (body, what) in new[]
        {
            ("[{\"id\":\"v1\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"eventTime\":\"2026-10-14T08:42:17Z\",\"data\":{\"validationCode\":12}}]", "validation code a number"),
            ("[{\"id\":\"v2\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"data\":{}}]", "validation without a code"),
            ("[{\"id\":\"v3\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"data\":null}]", "validation with null data"),
            ("{\"validationCode\":\"abc\"}", "a bare validation code"),
            ("[{\"validationCode\":\"abc\",\"validationUrl\":\"https://x\"}]", "validation data without an envelope"),
            ("{\"specversion\":\"1.0\",\"id\":\"v4\",\"type\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"source\":\"x\",\"data\":{\"validationCode\":[]}}", "CloudEvents validation with a list as code"),
        })
        {
            yield return Raw("Event Grid", "application/json", body, null, what);
        }

        foreach (var (body, what) in Garbage())
        {
            yield return Raw("Event Grid", "application/json", body, null, what);
        }
    }

    private EventKind Pick() => Kinds[_random.Next(0, 4)]; // a message, a status, a chat message or an email report: each would be kept

    private static string Envelope(string field, bool cloud) => (field, cloud) switch
    {
        ("type", false) => "eventType",
        ("time", false) => "eventTime",
        _ => field,
    };

    private static IEnumerable<(string Body, string What)> Garbage()
    {
        yield return ("", "an empty body");
        yield return ("{", "truncated JSON");
        yield return ("[{\"id\":", "truncated array");
        yield return ("null", "null");
        yield return ("42", "a number");
        yield return ("\"event\"", "a string");
        yield return ("[]", "an empty batch");
        yield return ("{}", "an empty object");
        yield return ("[{}]", "an empty event");
        yield return ("[[]]", "a list in a list");
        yield return (new string('[', 100) + new string(']', 100), "nesting 100 deep");
        yield return ("[{\"id\":\"a\",\"eventType\":\"x\"}] trailing", "JSON followed by text");
        yield return ("\u00ef\u00bb\u00bf{", "a byte order mark and a brace");
        yield return ("<event/>", "XML");
    }

    private BadInput Delivery(string schema, string contentType, JsonObject[] events, string? field, string what) =>
        new($"webhook ({schema})", "POST", Events, new JsonArray(events.Select(e => (JsonNode?)e).ToArray()).ToJsonString(), contentType, "anonymous", field, what);

    private BadInput Raw(string schema, string contentType, string body, string? field, string what) =>
        new($"webhook ({schema})", "POST", Events, body, contentType, "anonymous", field, what);

    private static string Describe(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 40 ? $"{text[..20]}… ({text.Length} characters)" : text;
    }

    // ---- Call Automation callbacks -----------------------------------------------------------------------------

    private JsonObject Callback(string type, JsonObject data) => new()
    {
        ["id"] = NewId().ToString(),
        ["source"] = $"calling/callConnections/{NewId()}",
        ["type"] = $"Microsoft.Communication.{type}",
        ["specversion"] = "1.0",
        ["time"] = "2026-10-14T08:42:17Z",
        ["datacontenttype"] = "application/json",
        ["data"] = data,
    };

    private JsonObject CallData() => new()
    {
        ["callConnectionId"] = NewId().ToString(),
        ["serverCallId"] = NewId().ToString(),
        ["correlationId"] = NewId().ToString(),
        ["operationContext"] = "fuzz",
        ["resultInformation"] = new JsonObject { ["code"] = 200, ["subCode"] = 0, ["message"] = "ok" },
    };

    private IEnumerable<BadInput> CallCallbacks()
    {
        (string Field, Func<JsonNode?> Value)[] breaks =
        [
            ("callConnectionId", () => 5), ("callConnectionId", () => new JsonObject()), ("serverCallId", () => new JsonArray()),
            ("resultInformation", () => "fine"), ("resultInformation", () => new JsonObject { ["code"] = "abc" }), ("resultInformation", () => new JsonObject { ["subCode"] = 1.5 }),
            ("participants", () => "everyone"), ("participants", () => new JsonArray(5)), ("participants", () => new JsonArray(new JsonObject { ["isMuted"] = "yes" })),
            ("sequenceNumber", () => "first"), ("dtmfResult", () => new JsonObject { ["tones"] = new JsonArray(1, 2) }), ("dtmfResult", () => "1234"),
            ("recognitionType", () => 5), ("sequenceId", () => 1e30), ("participant", () => "someone"), ("transferTarget", () => new JsonObject { ["rawId"] = 5 }),
        ];
        foreach (var type in new[] { "CallConnected", "CallDisconnected", "ParticipantsUpdated", "RecognizeCompleted", "PlayCompleted", "AddParticipantSucceeded" })
        {
            foreach (var (field, value) in breaks)
            {
                var data = CallData();
                data[field] = value();
                yield return Callback(type, data, $"data.{field}", $"{type} with data.{field} = {Describe(data[field])}");
            }

            var e = Callback(type, CallData());
            e["time"] = "the other day";
            yield return Callback(e, "time", $"{type} with time 'the other day'");
            e = Callback(type, CallData());
            e.Remove("id");
            yield return Callback(e, null, $"{type} without id");
            var twice = Callback(type, CallData()).ToJsonString();
            var dataAt = twice.IndexOf("\"data\":{", StringComparison.Ordinal) + "\"data\":{".Length;
            yield return new BadInput("call callbacks", "POST", Calls, "[" + twice.Insert(dataAt, "\"callConnectionId\":\"other\",") + "]", "application/json", "anonymous", null, $"{type} with callConnectionId twice");
        }

        foreach (var (body, what) in Garbage())
        {
            yield return new BadInput("call callbacks", "POST", Calls, body, "application/json", "anonymous", null, what);
        }
    }

    private BadInput Callback(string type, JsonObject data, string? field, string what) => Callback(Callback(type, data), field, what);

    private BadInput Callback(JsonObject e, string? field, string what) =>
        new("call callbacks", "POST", Calls, new JsonArray(e).ToJsonString(), "application/json", "anonymous", field, what);

    // ---- POST /api/inbound-events -------------------------------------------------------------------------------

    private JsonObject Inbound() => new()
    {
        ["eventId"] = $"fuzz-{NewId()}",
        ["channel"] = "whatsapp",
        ["type"] = "message",
        ["identities"] = new JsonArray(new JsonObject { ["kind"] = "whatsapp", ["value"] = "+" + Phone() }),
        ["text"] = "Hello",
    };

    private IEnumerable<BadInput> InboundEvents()
    {
        (string Field, Func<JsonNode?> Value, string Expect)[] breaks =
        [
            ("identities", () => new JsonArray((JsonNode?)null), "identities[0]"), ("identities", () => new JsonArray(), "identities"), ("identities", () => null, "identities"),
            ("identities", () => "+447700900123", "identities"), ("identities", () => new JsonArray(5), "identities[0]"),
            ("identities", () => new JsonArray(new JsonObject { ["kind"] = "fax", ["value"] = "x" }), "identities[0].kind"),
            ("identities", () => new JsonArray(new JsonObject { ["kind"] = 5, ["value"] = "x" }), "identities[0].kind"),
            ("identities", () => new JsonArray(new JsonObject { ["kind"] = "phone", ["value"] = "call me" }), "identities[0].value"),
            ("identities", () => new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = "no-at-sign" }), "identities[0].value"),
            ("identities", () => new JsonArray(new JsonObject { ["kind"] = "whatsapp", ["value"] = 447700900123 }), "identities[0].value"),
            ("identities", () => new JsonArray(new JsonObject { ["kind"] = "phone", ["value"] = Huge('7', 600) }), "identities[0].value"),
            ("identities", () => new JsonArray(new JsonObject { ["kind"] = "whatsapp", ["value"] = "+447700900123" }, null), "identities[1]"),
            ("crmRefs", () => new JsonArray(new JsonObject()), "crmRefs[0].crm"), ("crmRefs", () => new JsonArray((JsonNode?)null), "crmRefs[0]"),
            ("crmRefs", () => new JsonArray(new JsonObject { ["crm"] = "salesforce" }), "crmRefs[0].recordId"),
            ("crmRefs", () => new JsonArray(new JsonObject { ["crm"] = "", ["recordId"] = "003" }), "crmRefs[0].crm"),
            ("crmRefs", () => new JsonArray(new JsonObject { ["crm"] = "  ", ["recordId"] = "003" }), "crmRefs[0].crm"),
            ("crmRefs", () => new JsonArray(new JsonObject { ["crm"] = "salesforce", ["recordId"] = 3 }), "crmRefs[0].recordId"),
            ("crmRefs", () => "salesforce:003", "crmRefs"),
            ("channel", () => "sms", "channel"), ("channel", () => 5, "channel"), ("channel", () => null, "channel"), ("channel", () => "", "channel"), ("channel", () => "carrier pigeon", "channel"),
            ("eventId", () => null, "eventId"), ("eventId", () => "", "eventId"), ("eventId", () => "   ", "eventId"), ("eventId", () => 5, "eventId"), ("eventId", () => Huge('e', 600), "eventId"),
            ("type", () => "bogus", "type"), ("type", () => 5, "type"), ("direction", () => "sideways", "direction"), ("direction", () => true, "direction"),
            ("occurredAt", () => "yesterday", "occurredAt"), ("occurredAt", () => 5, "occurredAt"), ("occurredAt", () => "2026-13-01T00:00:00Z", "occurredAt"),
            ("text", () => 5, "text"), ("text", () => new JsonObject(), "text"), ("text", () => Huge('t', 40_000), "text"),
            ("threadRefs", () => new JsonArray((JsonNode?)null), "threadRefs[0]"), ("threadRefs", () => "<a@b>", "threadRefs"), ("threadRefs", () => new JsonArray(5), "threadRefs[0]"),
            ("conversationId", () => "not-a-guid", "conversationId"), ("conversationId", () => 5, "conversationId"),
            ("externalRef", () => 5, "externalRef"), ("externalRef", () => Huge('r', 600), "externalRef"),
        ];
        foreach (var (field, value, expect) in breaks)
        {
            // Each breakage four times, on fresh event ids and numbers, so a sometimes-500 would show.
            for (var i = 0; i < 4; i++)
            {
                var body = Inbound();
                var v = value();
                if (v is null && field is "identities" or "channel" or "eventId")
                {
                    body.Remove(field);
                }
                else
                {
                    body[field] = v;
                }

                yield return Api("inbound-events", "POST", "/api/inbound-events", body.ToJsonString(), "admin", expect, $"{field} = {Describe(body[field])}");
            }
        }

        var conversation = Inbound();
        conversation["conversationId"] = NewId().ToString();
        yield return Api("inbound-events", "POST", "/api/inbound-events", conversation.ToJsonString(), "admin", null, "a conversation that does not exist");
        var json = Inbound().ToJsonString();
        yield return Api("inbound-events", "POST", "/api/inbound-events", json.Insert(1, "\"eventId\":\"first\","), "admin", null, "eventId twice");
        yield return Api("inbound-events", "POST", "/api/inbound-events", json.Insert(1, "\"channel\":\"email\","), "admin", null, "channel twice");
        yield return Api("inbound-events", "POST", "/api/inbound-events", json.Insert(1, "\"Channel\":\"email\","), "admin", null, "channel and Channel");
        yield return Api("inbound-events", "POST", "/api/inbound-events", json, "admin", null, "a text/plain body", "text/plain");
        foreach (var (body, what) in Garbage())
        {
            yield return Api("inbound-events", "POST", "/api/inbound-events", body, "admin", null, what);
        }
    }

    // ---- The other JSON endpoints, as an agent and as an admin ---------------------------------------------------

    private IEnumerable<BadInput> OtherEndpoints()
    {
        var task = NewId();
        var conversation = NewId();
        var customer = NewId();
        var call = $"call-{NewId():N}";
        (string Method, string Path, string Caller, string Body, string? Field)[] cases =
        [
            ("PUT", $"/api/agents/{agentId}/presence", "agent", "{\"channels\":[\"fax\"]}", "channels"),
            ("PUT", $"/api/agents/{agentId}/presence", "agent", "{\"channels\":\"voice\"}", "channels"),
            ("PUT", $"/api/agents/{agentId}/presence", "agent", "{\"channels\":[5]}", "channels[0]"),
            ("PUT", $"/api/agents/{agentId}/presence", "agent", "{\"channels\":[null]}", "channels"),
            ("PUT", $"/api/agents/{agentId}/presence", "agent", "{\"channels\":[],\"channels\":[\"voice\"]}", null),
            ("POST", $"/api/offers/{task}/accept", "agent", "{\"agentId\":5}", "agentId"),
            ("POST", $"/api/offers/{task}/decline", "agent", "{\"agentId\":[]}", "agentId"),
            ("POST", $"/api/offers/{task}/accept", "agent", "{\"agentId\":\"" + agentId + "\",\"agentId\":\"someone-else\"}", null),
            ("POST", $"/api/conversations/{conversation}/wrap-up", "agent", "{\"disposition\":5}", "disposition"),
            ("POST", $"/api/conversations/{conversation}/wrap-up", "agent", "{\"notes\":[]}", "notes"),
            ("POST", $"/api/conversations/{conversation}/messages", "agent", "{\"channel\":5,\"text\":\"hi\"}", "channel"),
            ("POST", $"/api/conversations/{conversation}/messages", "agent", "{\"channel\":\"chat\",\"text\":{}}", "text"),
            ("POST", "/api/calls", "agent", "{\"to\":447700900123}", "to"),
            ("POST", $"/api/calls/{call}/transfer", "agent", "{\"toAgentId\":5}", "toAgentId"),
            ("POST", $"/api/calls/{call}/transfer", "agent", "{}", null),
            ("POST", $"/api/calls/{call}/supervisor", "agent", "{\"mode\":\"shout\"}", null),
            ("POST", $"/api/calls/{call}/hold", "agent", "{\"agentId\":{}}", "agentId"),
            ("PUT", $"/api/voice/agents/{agentId}/line", "agent", "{\"acsUserId\":5}", "acsUserId"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"skills\":{\"billing\":11}}", "skills.billing"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"skills\":{\"billing\":\"high\"}}", "skills.billing"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"skills\":[\"billing\"]}", "skills"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"languages\":[null]}", "languages[0]"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"languages\":\"en\"}", "languages"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"capacityProfile\":\"giant\"}", "capacityProfile"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"name\":5}", "name"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"name\":\"" + Huge('n', 300) + "\"}", "name"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"supervises\":[\"nowhere\"]}", "supervises"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"supervises\":[null]}", "supervises[0]"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"email\":\"not-an-email\"}", "email"),
            ("PUT", "/api/agents/fuzz-admin-made", "admin", "{\"name\":\"A\",\"name\":\"B\"}", null),
            ("POST", "/api/keys", "admin", "{\"name\":\"k\",\"role\":\"god\"}", "role"),
            ("POST", "/api/keys", "admin", "{\"name\":5,\"role\":\"admin\"}", "name"),
            ("POST", "/api/keys", "admin", "{\"name\":\"k\",\"role\":\"agent\",\"agentId\":\"nobody-here\"}", "agentId"),
            ("POST", "/api/accounts", "admin", "{\"email\":\"x@y.example\",\"displayName\":\"X\",\"password\":\"short\",\"role\":\"agent\"}", "password"),
            ("POST", "/api/accounts", "admin", "{\"email\":5}", "email"),
            ("PUT", $"/api/customers/{customer}/crm/contact", "admin", "{\"recordId\":5}", "recordId"),
            ("POST", "/api/chat/sessions", "anonymous", "{\"phone\":447700900123}", "phone"),
            ("POST", "/api/chat/sessions", "anonymous", "{\"displayName\":[]}", "displayName"),
            ("POST", "/api/chat/sessions", "anonymous", "{\"email\":\"a@b.example\",\"email\":\"c@d.example\"}", null),
            ("GET", "/api/customers?identity=fax:123", "admin", "", "identity"),
            ("GET", "/api/customers?identity=phone:call-me", "agent", "", "identity"),
            ("GET", "/api/customers", "admin", "", "identity"),
            ("GET", "/api/tasks?state=bogus", "agent", "", null),
            ("GET", "/api/routing/sla-breaches?since=yesterday", "admin", "", "since"),
        ];
        foreach (var (method, path, caller, body, field) in cases)
        {
            yield return Api(path.Split('?')[0], method, path, body, caller, field, body.Length > 60 ? body[..60] + "…" : body);
        }

        foreach (var (method, path, caller) in new[] { ("PUT", $"/api/agents/{agentId}/presence", "agent"), ("POST", $"/api/conversations/{conversation}/wrap-up", "agent"), ("PUT", "/api/agents/fuzz-admin-made", "admin"), ("POST", "/api/keys", "admin") })
        {
            // Not {}: an empty body is a valid request to these (every field optional).
            foreach (var (body, what) in Garbage().Where(g => g.Body is not ("" or "{}")))
            {
                yield return Api(path, method, path, body, caller, null, what);
            }
        }
    }

    private static BadInput Api(string surface, string method, string path, string body, string caller, string? field, string what, string contentType = "application/json") =>
        new($"{method} {surface}", method, path, body, contentType, caller, field, what);
}
