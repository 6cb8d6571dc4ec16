using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// Chat (REST spec Chat/stable/2025-03-15 in Azure/azure-rest-api-specs), called with an ACS user token the fake
/// issued: threads, participants, messages. Only participants may use a thread (403 otherwise), as in ACS.
/// </summary>
internal sealed class FakeAcsChatApi(FakeAcsServer server)
{
    private long sequence = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/chat/threads", (RequestDelegate)CreateThreadAsync);
        app.MapGet("/chat/threads/{threadId}", (RequestDelegate)GetThreadAsync);
        app.MapGet("/chat/threads/{threadId}/participants", (RequestDelegate)ListParticipantsAsync);
        app.MapPost("/chat/threads/{threadId}/participants/:add", (RequestDelegate)AddParticipantsAsync);
        app.MapPost("/chat/threads/{threadId}/messages", (RequestDelegate)SendMessageAsync);
        app.MapGet("/chat/threads/{threadId}/messages", (RequestDelegate)ListMessagesAsync);
    }

    private async Task CreateThreadAsync(HttpContext context)
    {
        var caller = FakeAcsJsonBody.Caller(context);
        if (await FakeAcsJsonBody.ReadObjectAsync(context) is not { } body)
        {
            return;
        }

        if (FakeAcsJsonBody.String(body["topic"]) is not { Length: > 0 } topic)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'topic' is required.");
            return;
        }

        if (await ParticipantsAsync(context, body, required: false) is not { } participants)
        {
            return;
        }

        // A repeated repeatability-request-id gets the thread the first request made, not a second thread.
        var repeatKey = context.Request.Headers["repeatability-request-id"].ToString();
        var thread = server.CreateThreadOnce(repeatKey.Length > 0 ? $"{caller.UserId}|{repeatKey}" : null, () =>
        {
            var created = new FakeAcsChatThread
            {
                Id = $"19:{Guid.NewGuid():N}@thread.v2",
                Topic = topic,
                CreatedBy = caller.UserId,
                CreatedOn = server.Now,
            };
            created.Participants[caller.UserId] = null;
            return created;
        }, out var isNew);

        var invalid = isNew ? AddAll(thread, caller.UserId, participants) : [];
        var answer = new JsonObject
        {
            ["chatThread"] = new JsonObject
            {
                ["id"] = thread.Id,
                ["topic"] = thread.Topic,
                ["createdOn"] = FakeAcsJsonBody.Time(thread.CreatedOn),
                ["createdByCommunicationIdentifier"] = Identifier(thread.CreatedBy),
            },
        };
        if (invalid.Count > 0)
        {
            answer["invalidParticipants"] = new JsonArray([.. invalid]);
        }

        context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}/chat/threads/{Uri.EscapeDataString(thread.Id)}";
        await FakeAcsJsonBody.WriteAsync(context, 201, answer);
    }

    private async Task GetThreadAsync(HttpContext context)
    {
        if (await ThreadOfCallerAsync(context) is not { } thread)
        {
            return;
        }

        await FakeAcsJsonBody.WriteAsync(context, 200, new JsonObject
        {
            ["id"] = thread.Id,
            ["topic"] = thread.Topic,
            ["createdOn"] = FakeAcsJsonBody.Time(thread.CreatedOn),
            ["createdByCommunicationIdentifier"] = Identifier(thread.CreatedBy),
        });
    }

    private async Task ListParticipantsAsync(HttpContext context)
    {
        if (await ThreadOfCallerAsync(context) is not { } thread)
        {
            return;
        }

        JsonArray value;
        lock (thread)
        {
            value = new JsonArray([.. thread.Participants.Select(p => (JsonNode)Participant(p.Key, p.Value))]);
        }

        await FakeAcsJsonBody.WriteAsync(context, 200, new JsonObject { ["value"] = value });
    }

    private async Task AddParticipantsAsync(HttpContext context)
    {
        if (await ThreadOfCallerAsync(context) is not { } thread
            || await FakeAcsJsonBody.ReadObjectAsync(context) is not { } body
            || await ParticipantsAsync(context, body, required: true) is not { } participants)
        {
            return;
        }

        var invalid = AddAll(thread, FakeAcsJsonBody.Caller(context).UserId, participants);
        var answer = new JsonObject();
        if (invalid.Count > 0)
        {
            answer["invalidParticipants"] = new JsonArray([.. invalid]);
        }

        await FakeAcsJsonBody.WriteAsync(context, 201, answer);
    }

    private async Task SendMessageAsync(HttpContext context)
    {
        if (await ThreadOfCallerAsync(context) is not { } thread || await FakeAcsJsonBody.ReadObjectAsync(context) is not { } body)
        {
            return;
        }

        if (FakeAcsJsonBody.String(body["content"]) is not { Length: > 0 } content)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'content' is required.");
            return;
        }

        var type = FakeAcsJsonBody.String(body["type"]) ?? "text";
        if (type is not ("text" or "html"))
        {
            await FakeAcsErrors.BadRequestAsync(context, "'type' must be text or html.");
            return;
        }

        // metadata is a map of strings (ACS keeps it with the message and lists it back); Chat has no repeatability for sends.
        if (body["metadata"] is { } metadata && (metadata is not JsonObject map || map.Any(m => FakeAcsJsonBody.String(m.Value) is null)))
        {
            await FakeAcsErrors.BadRequestAsync(context, "'metadata' must map keys to strings.");
            return;
        }

        var caller = FakeAcsJsonBody.Caller(context);
        var message = Append(thread, type, caller.UserId, FakeAcsJsonBody.String(body["senderDisplayName"]), new JsonObject { ["message"] = content },
            (JsonObject?)body["metadata"]?.DeepClone());
        await server.HoldIfAskedAsync(context);
        context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}/chat/threads/{Uri.EscapeDataString(thread.Id)}/messages/{message.Id}";
        await FakeAcsJsonBody.WriteAsync(context, 201, new JsonObject { ["id"] = message.Id });
    }

    private async Task ListMessagesAsync(HttpContext context)
    {
        if (await ThreadOfCallerAsync(context) is not { } thread)
        {
            return;
        }

        var query = context.Request.Query;
        var pageSize = int.TryParse(query["maxPageSize"], CultureInfo.InvariantCulture, out var size) && size is > 0 and <= 200 ? size : server.Options.ChatMessagesPageSize;
        var skip = int.TryParse(query["continuationToken"], CultureInfo.InvariantCulture, out var token) && token > 0 ? token : 0;
        var since = DateTimeOffset.TryParse(query["startTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start) ? start : DateTimeOffset.MinValue;
        List<FakeAcsChatMessage> all;
        lock (thread)
        {
            // ACS lists newest first.
            all = thread.Messages.Where(m => m.CreatedOn >= since).OrderByDescending(m => m.SequenceId).ToList();
        }

        var page = all.Skip(skip).Take(pageSize).ToList();
        var answer = new JsonObject { ["value"] = new JsonArray([.. page.Select(m => (JsonNode)Message(m))]) };
        if (skip + page.Count < all.Count)
        {
            var path = $"/chat/threads/{Uri.EscapeDataString(thread.Id)}/messages";
            answer["nextLink"] = $"{context.Request.Scheme}://{context.Request.Host}{path}?continuationToken={skip + page.Count}&maxPageSize={pageSize}"
                + (query.ContainsKey("startTime") ? "&startTime=" + Uri.EscapeDataString(query["startTime"].ToString()) : "")
                + "&api-version=" + Uri.EscapeDataString(FakeAcsJsonBody.ApiVersion(context));
        }

        await FakeAcsJsonBody.WriteAsync(context, 200, answer);
    }

    private async Task<FakeAcsChatThread?> ThreadOfCallerAsync(HttpContext context)
    {
        var threadId = (string)context.GetRouteValue("threadId")!;
        if (server.FindThread(threadId) is not { } thread)
        {
            await FakeAcsErrors.NotFoundAsync(context, $"Thread {threadId} was not found.");
            return null;
        }

        bool member;
        lock (thread)
        {
            member = thread.Participants.ContainsKey(FakeAcsJsonBody.Caller(context).UserId);
        }

        if (!member)
        {
            await FakeAcsErrors.WriteAsync(context, 403, "Forbidden", "Permissions check failed: the caller is not a participant of the thread.");
            return null;
        }

        return thread;
    }

    /// <summary>Participants of a request body: each needs an identifier; unknown users are reported, not refused.</summary>
    private static async Task<List<(string Id, string? DisplayName)>?> ParticipantsAsync(HttpContext context, JsonObject body, bool required)
    {
        if (body["participants"] is not JsonArray array)
        {
            if (required || body["participants"] is not null)
            {
                await FakeAcsErrors.BadRequestAsync(context, "'participants' must be a non-empty array.");
                return null;
            }

            return [];
        }

        var participants = new List<(string, string?)>();
        foreach (var item in array)
        {
            var identifier = item?["communicationIdentifier"];
            var id = FakeAcsJsonBody.String(identifier?["communicationUser"]?["id"]) ?? FakeAcsJsonBody.String(identifier?["rawId"]);
            if (id is not { Length: > 0 })
            {
                await FakeAcsErrors.BadRequestAsync(context, "Every participant needs communicationIdentifier.communicationUser.id or rawId.");
                return null;
            }

            participants.Add((id, FakeAcsJsonBody.String(item?["displayName"])));
        }

        if (required && participants.Count == 0)
        {
            await FakeAcsErrors.BadRequestAsync(context, "'participants' must be a non-empty array.");
            return null;
        }

        return participants;
    }

    private List<JsonObject> AddAll(FakeAcsChatThread thread, string initiator, List<(string Id, string? DisplayName)> participants)
    {
        var invalid = new List<JsonObject>();
        var added = new JsonArray();
        lock (thread)
        {
            foreach (var (id, displayName) in participants)
            {
                if (!server.UserExists(id))
                {
                    invalid.Add(new JsonObject { ["code"] = "403", ["message"] = "Permissions check failed", ["target"] = id });
                    continue;
                }

                thread.Participants[id] = displayName;
                added.Add(Participant(id, displayName));
            }
        }

        if (added.Count > 0)
        {
            Append(thread, "participantAdded", null, null, new JsonObject { ["participants"] = added, ["initiatorCommunicationIdentifier"] = Identifier(initiator) });
        }

        return invalid;
    }

    private FakeAcsChatMessage Append(FakeAcsChatThread thread, string type, string? senderId, string? senderDisplayName, JsonObject content, JsonObject? metadata = null)
    {
        var id = Interlocked.Increment(ref sequence);
        lock (thread)
        {
            var message = new FakeAcsChatMessage(
                id.ToString(CultureInfo.InvariantCulture), type, thread.Messages.Count + 1, senderId, senderDisplayName, server.Now, content, metadata);
            thread.Messages.Add(message);
            return message;
        }
    }

    private static JsonObject Message(FakeAcsChatMessage message)
    {
        var json = new JsonObject
        {
            ["id"] = message.Id,
            ["type"] = message.Type,
            ["sequenceId"] = message.SequenceId.ToString(CultureInfo.InvariantCulture),
            ["version"] = message.Id,
            ["content"] = message.Content.DeepClone(),
            ["createdOn"] = FakeAcsJsonBody.Time(message.CreatedOn),
        };
        if (message.SenderId is { } sender)
        {
            json["senderCommunicationIdentifier"] = Identifier(sender);
            json["senderDisplayName"] = message.SenderDisplayName;
        }

        if (message.Metadata is { } metadata)
        {
            json["metadata"] = metadata.DeepClone();
        }

        return json;
    }

    private static JsonObject Participant(string id, string? displayName)
    {
        var json = new JsonObject { ["communicationIdentifier"] = Identifier(id) };
        if (displayName is not null)
        {
            json["displayName"] = displayName;
        }

        return json;
    }

    private static JsonObject Identifier(string userId) =>
        new() { ["rawId"] = userId, ["communicationUser"] = new JsonObject { ["id"] = userId } };
}
