using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Worker.Demo.StandIn;

/// <summary>
/// Chat (REST spec Chat/stable/2025-03-15): threads, participants and messages, each call acting as the bearer
/// token's user, who must be a participant of the thread. Every message posted is announced to the Worker as
/// ChatMessageReceivedInThread through Event Grid, as ACS does; one written by anyone but the thread's visitors is
/// also handed to the customer simulator.
/// </summary>
internal sealed class StandInChat(AcsStandIn acs)
{
    public const string CallerItem = "acs.caller";

    private readonly ConcurrentDictionary<string, Thread> _threads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _threadsByRepeatKey = new(StringComparer.Ordinal);

    /// <summary>ACS users who are website visitors (the simulator's chat customers): their messages are the customers'.</summary>
    public ConcurrentDictionary<string, byte> Visitors { get; } = new(StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/chat/threads", CreateThreadAsync);
        app.MapMethods("/chat/threads/{threadId}/{**rest}", ["GET", "POST"], ThreadAsync);
    }

    private async Task CreateThreadAsync(HttpContext context)
    {
        if (await StandInErrors.ReadObjectAsync(context) is not { } body)
        {
            return;
        }

        var caller = (StandInToken)context.Items[CallerItem]!;
        var repeatKey = context.Request.Headers["Repeatability-Request-Id"].ToString();
        var id = repeatKey.Length > 0 && _threadsByRepeatKey.TryGetValue(repeatKey, out var known) ? known : null;
        if (id is null)
        {
            var thread = new Thread($"19:{Guid.NewGuid():N}@thread.v2", (string?)body["topic"] ?? "Chat", DateTimeOffset.UtcNow);
            thread.Participants[caller.UserId] = "";
            foreach (var participant in body["participants"] as JsonArray ?? [])
            {
                if (RawId(participant?["communicationIdentifier"]) is { } user)
                {
                    thread.Participants[user] = (string?)participant!["displayName"] ?? "";
                }
            }

            _threads[thread.Id] = thread;
            id = repeatKey.Length > 0 ? _threadsByRepeatKey.GetOrAdd(repeatKey, thread.Id) : thread.Id;
        }

        var created = _threads[id];
        await StandInErrors.WriteJsonAsync(context, 201, new JsonObject
        {
            ["chatThread"] = new JsonObject
            {
                ["id"] = created.Id,
                ["topic"] = created.Topic,
                ["createdOn"] = AcsStandIn.Time(created.CreatedOn),
                ["createdByCommunicationIdentifier"] = AcsStandIn.Identifier(caller.UserId),
            },
            ["invalidParticipants"] = new JsonArray(),
        });
    }

    private async Task ThreadAsync(HttpContext context, string threadId, string rest)
    {
        var caller = (StandInToken)context.Items[CallerItem]!;
        if (!_threads.TryGetValue(Uri.UnescapeDataString(threadId), out var thread))
        {
            await StandInErrors.WriteAsync(context, 404, "NotFound", $"Thread {threadId} was not found.");
            return;
        }

        if (!thread.Participants.ContainsKey(caller.UserId))
        {
            await StandInErrors.WriteAsync(context, 403, "Forbidden", "The caller is not a participant of the thread.");
            return;
        }

        switch (context.Request.Method, rest)
        {
            case ("POST", "participants/:add"):
                await AddParticipantsAsync(context, thread);
                break;
            case ("GET", "participants"):
                await StandInErrors.WriteJsonAsync(context, 200, new JsonObject
                {
                    ["value"] = new JsonArray([.. thread.Participants.Select(p => (JsonNode)new JsonObject
                    {
                        ["communicationIdentifier"] = AcsStandIn.Identifier(p.Key),
                        ["displayName"] = p.Value,
                    })]),
                });
                break;
            case ("POST", "messages"):
                await SendAsync(context, thread, caller);
                break;
            case ("GET", "messages"):
                await ListAsync(context, thread);
                break;
            default:
                await StandInErrors.WriteAsync(context, 404, "NotFound", $"No Chat API at {context.Request.Method} /chat/threads/{threadId}/{rest}.");
                break;
        }
    }

    private static async Task AddParticipantsAsync(HttpContext context, Thread thread)
    {
        if (await StandInErrors.ReadObjectAsync(context) is not { } body)
        {
            return;
        }

        foreach (var participant in body["participants"] as JsonArray ?? [])
        {
            if (RawId(participant?["communicationIdentifier"]) is { } user)
            {
                thread.Participants[user] = (string?)participant!["displayName"] ?? "";
            }
        }

        await StandInErrors.WriteJsonAsync(context, 201, new JsonObject { ["invalidParticipants"] = new JsonArray() });
    }

    private async Task SendAsync(HttpContext context, Thread thread, StandInToken caller)
    {
        if (await StandInErrors.ReadObjectAsync(context) is not { } body)
        {
            return;
        }

        if ((string?)body["content"] is not { Length: > 0 } content)
        {
            await StandInErrors.WriteAsync(context, 400, "BadRequest", "'content' is required.");
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var sender = (string?)body["senderDisplayName"] ?? thread.Participants.GetValueOrDefault(caller.UserId) ?? "";
        Message message;
        lock (thread.Messages)
        {
            // ACS's message ids are the compose time in epoch milliseconds, and grow within a thread.
            var id = Math.Max(now.ToUnixTimeMilliseconds(), thread.Messages.Count == 0 ? 0 : long.Parse(thread.Messages[^1].Id, CultureInfo.InvariantCulture) + 1);
            message = new Message(id.ToString(CultureInfo.InvariantCulture), thread.Messages.Count + 1, content, caller.UserId, sender, now);
            thread.Messages.Add(message);
        }

        await StandInErrors.WriteJsonAsync(context, 201, new JsonObject { ["id"] = message.Id });
        acs.EventGrid.DeliverLater(StandInEventGrid.Event("ChatMessageReceivedInThread", $"thread/{thread.Id}/sender/{caller.UserId}", new JsonObject
        {
            ["messageBody"] = content,
            ["messageId"] = message.Id,
            ["metadata"] = new JsonObject(),
            ["type"] = "Text",
            ["version"] = message.Id,
            ["senderDisplayName"] = sender,
            ["senderCommunicationIdentifier"] = AcsStandIn.Identifier(caller.UserId),
            ["composeTime"] = AcsStandIn.Time(now),
            ["threadId"] = thread.Id,
            ["transactionId"] = Guid.NewGuid().ToString("N"),
        }), TimeSpan.Zero);
        if (!Visitors.ContainsKey(caller.UserId))
        {
            acs.ToCustomers.Add(new CustomerBound("chat", thread.Id, content, null));
        }
    }

    private static async Task ListAsync(HttpContext context, Thread thread)
    {
        var since = DateTimeOffset.TryParse(context.Request.Query["startTime"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start) ? start : DateTimeOffset.MinValue;
        List<Message> messages;
        lock (thread.Messages)
        {
            messages = thread.Messages.Where(m => m.CreatedOn >= since).Reverse().ToList();
        }

        await StandInErrors.WriteJsonAsync(context, 200, new JsonObject
        {
            ["value"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject
            {
                ["id"] = m.Id,
                ["type"] = "text",
                ["sequenceId"] = m.SequenceId.ToString(CultureInfo.InvariantCulture),
                ["version"] = m.Id,
                ["content"] = new JsonObject { ["message"] = m.Content },
                ["senderDisplayName"] = m.SenderName,
                ["senderCommunicationIdentifier"] = AcsStandIn.Identifier(m.SenderId),
                ["createdOn"] = AcsStandIn.Time(m.CreatedOn),
            })]),
        });
    }

    private static string? RawId(JsonNode? identifier) => (string?)identifier?["rawId"] ?? (string?)identifier?["communicationUser"]?["id"];

    private sealed record Thread(string Id, string Topic, DateTimeOffset CreatedOn)
    {
        public ConcurrentDictionary<string, string> Participants { get; } = new(StringComparer.Ordinal);

        public List<Message> Messages { get; } = [];
    }

    private sealed record Message(string Id, int SequenceId, string Content, string SenderId, string SenderName, DateTimeOffset CreatedOn);
}
