using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Zendesk;

/// <summary>
/// The Support API endpoints the connector and node-zendesk use, over <see cref="FakeZendeskStore"/>: users (search,
/// show, show_many, create, create_or_update, create_or_update_many, identities), tickets (lookup by external_id,
/// show, create, update, create_many, update_many, comments, audits), uploads and job statuses. Not thread-safe:
/// the server locks.
/// </summary>
internal sealed class FakeZendeskApi(FakeZendeskStore store, FakeZendeskOptions options, FakeZendeskJobs jobs, Func<long> actor)
{
    private readonly Dictionary<long, List<DateTimeOffset>> _userUpdates = [];

    /// <summary>Items of create_many / update_many that fail once (a fragment of the item's JSON each), for tests.</summary>
    public List<string> ItemFaults { get; } = [];

    /// <summary>Per create_many / update_many request, the connector keys its items carried (metadata.connector.keys).</summary>
    public List<IReadOnlyList<string>> BatchedKeys { get; } = [];

    /// <summary>What Talk Partner Edition's agent display showed, in order.</summary>
    public List<FakeZendeskDisplay> Displays { get; } = [];

    public FakeZendeskResponse Handle(string method, string path, IReadOnlyDictionary<string, string> query, byte[] body, string? contentType)
    {
        var segments = path.Trim('/').Split('/')[2..];
        return (method, segments) switch
        {
            ("GET", ["users", "search"]) => SearchUsers(query),
            ("GET", ["search"]) => Search(query),
            ("GET", ["users", "show_many"]) => ShowUsers(query),
            ("GET", ["users", var id]) => WithUser(id, u => FakeZendeskResponse.Json(200, new JsonObject { ["user"] = u.ToJson() })),
            ("POST", ["users"]) => WithJson(body, "user", CreateUser),
            ("POST", ["users", "create_or_update"]) => WithJson(body, "user", CreateOrUpdateUser),
            ("POST", ["users", "create_or_update_many"]) => WithJsonArray(body, "users", CreateOrUpdateUsers),
            ("GET", ["users", var id, "identities"]) => WithUser(id, u => FakeZendeskResponse.Json(200, new JsonObject
            {
                ["identities"] = new JsonArray(u.Identities.Select(i => (JsonNode?)i.ToJson()).ToArray()),
                ["next_page"] = null,
                ["previous_page"] = null,
                ["count"] = u.Identities.Count,
            })),
            ("POST", ["users", var id, "identities"]) => WithUser(id, u => WithJson(body, "identity", identity => AddIdentity(u, identity))),
            ("GET", ["tickets"]) => ListTickets(query),
            ("GET", ["tickets", "show_many"]) => ShowTickets(query),
            ("GET", ["tickets", var id]) => WithTicket(id, t => FakeZendeskResponse.Json(200, new JsonObject { ["ticket"] = t.ToJson() })),
            ("GET", ["tickets", var id, "comments"]) => WithTicket(id, t => FakeZendeskResponse.Json(200, new JsonObject
            {
                ["comments"] = new JsonArray(t.Comments.Select(c => (JsonNode?)c.ToJson()).ToArray()),
                ["count"] = t.CommentCount,
            })),
            ("GET", ["tickets", var id, "audits"]) => WithTicket(id, t => FakeZendeskResponse.Json(200, new JsonObject
            {
                ["audits"] = new JsonArray(t.Audits.Select(a => (JsonNode?)a.ToJson()).ToArray()),
                ["count"] = t.Audits.Count,
            })),
            ("POST", ["tickets"]) => WithJson(body, "ticket", CreateTicket),
            ("POST", ["tickets", "create_many"]) => WithJsonArray(body, "tickets", CreateTickets),
            ("PUT", ["tickets", "update_many"]) => WithJsonArray(body, "tickets", UpdateTickets),
            ("PUT", ["tickets", var id]) => WithTicket(id, t => WithJson(body, "ticket", input => UpdateTicket(t, input))),
            ("POST", ["uploads"]) => Upload(query, body, contentType),
            ("POST", ["channels", "voice", "agents", var agent, "tickets", var id, "display"]) => Display(agent, "ticket", id),
            ("POST", ["channels", "voice", "agents", var agent, "users", var id, "display"]) => Display(agent, "user", id),
            ("POST", ["channels", "voice", "tickets"]) => WithTalkPartnerEdition(() => WithJson(body, "ticket", input => CreateVoiceTicket(input, body))),
            ("GET", ["job_statuses", var id]) => jobs.Show(id),
            _ => FakeZendeskResponse.Error(404, "InvalidEndpoint", "Not found"),
        };
    }

    private FakeZendeskResponse SearchUsers(IReadOnlyDictionary<string, string> query)
    {
        IEnumerable<FakeZendeskUser> users;
        if (query.TryGetValue("external_id", out var externalId))
        {
            users = store.Users.Where(u => u.ExternalId == externalId);
        }
        else if (query.TryGetValue("query", out var text))
        {
            if (!FakeZendeskSearch.IsValid(text, out var problem))
            {
                return FakeZendeskResponse.Error(400, "InvalidSearchQuery", problem!);
            }

            users = store.Users.Where(u => FakeZendeskSearch.Matches(u, text));
        }
        else
        {
            return FakeZendeskResponse.Error(400, "InvalidParameter", "Either query or external_id is required");
        }

        var list = users.ToList();
        return FakeZendeskResponse.Json(200, new JsonObject
        {
            ["users"] = new JsonArray(list.Select(u => (JsonNode?)u.ToJson()).ToArray()),
            ["next_page"] = null,
            ["previous_page"] = null,
            ["count"] = list.Count,
        });
    }

    private FakeZendeskResponse Search(IReadOnlyDictionary<string, string> query)
    {
        if (!query.TryGetValue("query", out var text) || !FakeZendeskSearch.IsValid(text, out var problem))
        {
            return FakeZendeskResponse.Error(400, "InvalidSearchQuery", "query is required and may use role, type, phone, email and name");
        }

        _ = problem;
        var results = store.Users.Where(u => FakeZendeskSearch.Matches(u, text)).Select(u =>
        {
            var json = u.ToJson();
            json["result_type"] = "user";
            return (JsonNode?)json;
        }).ToArray();
        return FakeZendeskResponse.Json(200, new JsonObject { ["results"] = new JsonArray(results), ["count"] = results.Length, ["next_page"] = null });
    }

    private FakeZendeskResponse ShowUsers(IReadOnlyDictionary<string, string> query)
    {
        var ids = Ids(query);
        return FakeZendeskResponse.Json(200, new JsonObject
        {
            ["users"] = new JsonArray(store.Users.Where(u => ids.Contains(u.Id)).Select(u => (JsonNode?)u.ToJson()).ToArray()),
        });
    }

    private FakeZendeskResponse CreateUser(JsonObject input)
    {
        var (user, refusal) = NewUser(input);
        return refusal ?? FakeZendeskResponse.Json(201, new JsonObject { ["user"] = user!.ToJson() });
    }

    private FakeZendeskResponse CreateOrUpdateUser(JsonObject input)
    {
        var (user, created, refusal) = UpsertUser(input);
        return refusal ?? FakeZendeskResponse.Json(created ? 201 : 200, new JsonObject { ["user"] = user!.ToJson() });
    }

    private FakeZendeskResponse CreateOrUpdateUsers(JsonArray users)
    {
        if (users.Count > options.MaxBatchItems)
        {
            return FakeZendeskResponse.Error(400, "TooManyItems", $"You can only create or update {options.MaxBatchItems} users at once");
        }

        var results = new JsonArray();
        for (var i = 0; i < users.Count; i++)
        {
            if (users[i] is not JsonObject input)
            {
                results.Add(FakeZendeskJobs.Failed(i, "InvalidParameter", "user must be an object"));
                continue;
            }

            var (user, created, refusal) = UpsertUser(input);
            if (refusal is not null)
            {
                var (error, details) = FakeZendeskJobs.Words(refusal);
                results.Add(FakeZendeskJobs.Failed(i, error, details));
                continue;
            }

            results.Add(new JsonObject { ["id"] = user!.Id, ["status"] = created ? "Created" : "Updated", ["email"] = user.Email, ["external_id"] = user.ExternalId });
        }

        return jobs.Submit("Create Or Update Many Users", results, users.Count);
    }

    private (FakeZendeskUser? User, bool Created, FakeZendeskResponse? Refusal) UpsertUser(JsonObject input)
    {
        var externalId = input["external_id"]?.ToString();
        var email = input["email"]?.ToString();
        var existing = (externalId is null ? null : store.Users.FirstOrDefault(u => u.ExternalId == externalId))
            ?? (email is null ? null : store.OwnerOf("email", email));
        if (existing is null)
        {
            var (user, refusal) = NewUser(input);
            return (user, true, refusal);
        }

        if (UserRateLimited(existing) is { } limited)
        {
            return (null, false, limited);
        }

        existing.Name = input["name"]?.ToString() ?? existing.Name;
        existing.ExternalId = externalId ?? existing.ExternalId;
        if (input["phone"]?.ToString() is { } phone && !existing.Identities.Any(i => i.Type == "phone_number" && i.Value == phone))
        {
            store.AddIdentity(existing, "phone_number", phone);
        }

        return (existing, false, null);
    }

    private (FakeZendeskUser? User, FakeZendeskResponse? Refusal) NewUser(JsonObject input)
    {
        var name = input["name"]?.ToString();
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, FakeZendeskResponse.Invalid("name", "Name: is too short (minimum is 1 character)", "TooShort"));
        }

        var email = input["email"]?.ToString();
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            return (null, FakeZendeskResponse.Invalid("email", $"Email: {email} is not properly formatted", "InvalidFormat"));
        }

        if (email is not null && store.OwnerOf("email", email) is not null)
        {
            return (null, FakeZendeskResponse.Invalid("email", $"Email: {email} is already being used by another user", "DuplicateValue"));
        }

        var role = input["role"]?.ToString() ?? "end-user";
        if (role is not ("end-user" or "agent" or "admin"))
        {
            return (null, FakeZendeskResponse.Invalid("role", $"Role: {role} is not a valid role", "InvalidValue"));
        }

        var user = store.AddUser(name, email, input["phone"]?.ToString(), input["external_id"]?.ToString(), role);
        foreach (var identity in (input["identities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (identity["type"]?.ToString() is { } type && identity["value"]?.ToString() is { } value && store.OwnerOf(type, value) is null)
            {
                store.AddIdentity(user, type, value);
            }
        }

        return (user, null);
    }

    private FakeZendeskResponse AddIdentity(FakeZendeskUser user, JsonObject input)
    {
        var type = input["type"]?.ToString();
        var value = input["value"]?.ToString();
        if (type is not ("email" or "phone_number" or "twitter" or "facebook" or "google" or "agent_forwarding" or "any_channel" or "foreign" or "sdk"))
        {
            return FakeZendeskResponse.Invalid("type", $"Type: {type} is not a valid identity type", "InvalidValue");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return FakeZendeskResponse.Invalid("value", "Value: cannot be blank", "BlankValue");
        }

        if (store.OwnerOf(type, value) is not null)
        {
            return FakeZendeskResponse.Invalid("value", $"Value: {value} is already being used by another user", "DuplicateValue");
        }

        if (UserRateLimited(user) is { } limited)
        {
            return limited;
        }

        return FakeZendeskResponse.Json(201, new JsonObject { ["identity"] = store.AddIdentity(user, type, value).ToJson() });
    }

    /// <summary>Zendesk's per-user update limit: a plain-text 429 past a few updates to one user in a minute.</summary>
    private FakeZendeskResponse? UserRateLimited(FakeZendeskUser user)
    {
        var now = DateTimeOffset.UtcNow;
        if (!_userUpdates.TryGetValue(user.Id, out var updates))
        {
            updates = [];
            _userUpdates[user.Id] = updates;
        }

        updates.RemoveAll(t => now - t > TimeSpan.FromMinutes(1));
        if (updates.Count >= options.UserUpdatesPerMinute)
        {
            return FakeZendeskResponse.TooManyRequests("You have exceeded the rate limit for updating a single unique user. Please wait before updating this user again.", 60);
        }

        updates.Add(now);
        return null;
    }

    private FakeZendeskResponse ListTickets(IReadOnlyDictionary<string, string> query)
    {
        var tickets = query.TryGetValue("external_id", out var externalId) ? store.Tickets.Where(t => t.ExternalId == externalId) : store.Tickets;
        var list = tickets.ToList();
        return FakeZendeskResponse.Json(200, new JsonObject
        {
            ["tickets"] = new JsonArray(list.Select(t => (JsonNode?)t.ToJson()).ToArray()),
            ["next_page"] = null,
            ["previous_page"] = null,
            ["count"] = list.Count,
        });
    }

    private FakeZendeskResponse ShowTickets(IReadOnlyDictionary<string, string> query)
    {
        var ids = Ids(query);
        return FakeZendeskResponse.Json(200, new JsonObject
        {
            ["tickets"] = new JsonArray(store.Tickets.Where(t => ids.Contains(t.Id)).Select(t => (JsonNode?)t.ToJson()).ToArray()),
        });
    }

    private FakeZendeskResponse CreateTicket(JsonObject input)
    {
        var (ticket, refusal) = FakeZendeskTickets.Create(store, input, actor());
        return refusal ?? Written(201, ticket!);
    }

    /// <summary>
    /// POST /api/v2/channels/voice/tickets (Talk Partner Edition): a ticket like POST /tickets plus its <c>via_id</c>
    /// (44 voicemail, 45 inbound call, 46 outbound call, required) and an optional <c>display_to_agent</c>, an agent.
    /// </summary>
    private FakeZendeskResponse CreateVoiceTicket(JsonObject input, byte[] body)
    {
        var via = FakeZendeskTickets.Long(input["via_id"]);
        if (via is not (44 or 45 or 46))
        {
            return FakeZendeskResponse.Invalid("via_id", "Via: must be 44 (voicemail), 45 (inbound call) or 46 (outbound call)", "InvalidValue");
        }

        var display = FakeZendeskTickets.Long(System.Text.Json.Nodes.JsonNode.Parse(body)?["display_to_agent"]);
        if (display is { } agent && store.User(agent) is not { Role: "agent" or "admin" })
        {
            return FakeZendeskResponse.Error(404, "RecordNotFound", "Not found");
        }

        var (ticket, refusal) = FakeZendeskTickets.Create(store, input, actor());
        if (refusal is not null)
        {
            return refusal;
        }

        ticket!.ViaId = (int)via;
        return Written(201, ticket);
    }

    /// <summary>
    /// POST /api/v2/channels/voice/agents/{agent_id}/tickets/{ticket_id}/display (and users/{user_id}/display): opens the
    /// record in the agent's Zendesk. 200 with no body; 404 for an id that is not an agent, not a record, or on an
    /// account without Talk Partner Edition (the agent display does not exist there).
    /// </summary>
    private FakeZendeskResponse Display(string agentId, string type, string recordId)
    {
        if (!options.TalkPartnerEdition
            || FakeZendeskTickets.Long(JsonValue.Create(agentId)) is not { } agent || store.User(agent) is not { Role: "agent" or "admin" }
            || FakeZendeskTickets.Long(JsonValue.Create(recordId)) is not { } id
            || (type == "ticket" ? store.Ticket(id) is null : store.User(id) is null))
        {
            return FakeZendeskResponse.NotFound();
        }

        Displays.Add(new FakeZendeskDisplay(agent, type, id));
        return new FakeZendeskResponse(200, null);
    }

    /// <summary>The channels/voice endpoints exist only on accounts with Talk Partner Edition.</summary>
    private FakeZendeskResponse WithTalkPartnerEdition(Func<FakeZendeskResponse> then) => options.TalkPartnerEdition
        ? then()
        : FakeZendeskResponse.Error(403, "Forbidden", "You do not have access to this page. Talk Partner Edition is not enabled on this account.");

    private FakeZendeskResponse UpdateTicket(FakeZendeskTicket ticket, JsonObject input) =>
        FakeZendeskTickets.Update(store, ticket, input, actor()) ?? Written(200, ticket);

    private static FakeZendeskResponse Written(int status, FakeZendeskTicket ticket) => FakeZendeskResponse.Json(status, new JsonObject
    {
        ["ticket"] = ticket.ToJson(),
        ["audit"] = ticket.Audits[^1].ToJson(),
    });

    private FakeZendeskResponse CreateTickets(JsonArray tickets) => Batch(tickets, create: true);

    private FakeZendeskResponse UpdateTickets(JsonArray tickets) => Batch(tickets, create: false);

    private FakeZendeskResponse Batch(JsonArray items, bool create)
    {
        if (items.Count > options.MaxBatchItems)
        {
            return FakeZendeskResponse.Error(400, "TooManyItems", $"You can only {(create ? "create" : "update")} {options.MaxBatchItems} tickets at once");
        }

        BatchedKeys.Add(items.SelectMany(i => (i?["metadata"]?["connector"]?["keys"] as JsonArray ?? []).Select(k => k?.ToString()).OfType<string>()).ToList());
        var results = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            var input = items[i] as JsonObject;
            var fault = input is null ? -1 : ItemFaults.FindIndex(f => input.ToJsonString().Contains(f, StringComparison.Ordinal));
            if (fault >= 0)
            {
                ItemFaults.RemoveAt(fault);
            }

            if (create)
            {
                results.Add(CreateItem(i, input, fault >= 0));
            }
            else
            {
                results.Add(UpdateItem(i, input, fault >= 0));
            }
        }

        return jobs.Submit(create ? "Bulk Create Tickets" : "Bulk Update Tickets", results, items.Count);
    }

    private JsonObject CreateItem(int index, JsonObject? input, bool fail)
    {
        if (input is null || fail)
        {
            return FakeZendeskJobs.Failed(index, input is null ? "InvalidParameter" : "TicketCreateFailed", input is null ? "ticket must be an object" : "Could not create the ticket; please try again");
        }

        var (ticket, refusal) = FakeZendeskTickets.Create(store, input, actor());
        if (refusal is not null)
        {
            var (error, details) = FakeZendeskJobs.Words(refusal);
            return FakeZendeskJobs.Failed(index, error, details);
        }

        return new JsonObject { ["index"] = index, ["id"] = ticket!.Id };
    }

    private JsonObject UpdateItem(int index, JsonObject? input, bool fail)
    {
        var id = FakeZendeskTickets.Long(input?["id"]);
        var failed = (string error, string details) => new JsonObject
        {
            ["id"] = id ?? index,
            ["action"] = "update",
            ["success"] = false,
            ["status"] = "Failed",
            ["error"] = error,
            ["details"] = details,
        };
        if (input is null || id is null || store.Ticket(id.Value) is not { } ticket)
        {
            return failed("RecordNotFound", "Ticket not found");
        }

        if (fail)
        {
            return failed("TicketUpdateFailed", "Could not update the ticket; please try again");
        }

        if (FakeZendeskTickets.Update(store, ticket, input, actor()) is { } refusal)
        {
            var (error, details) = FakeZendeskJobs.Words(refusal);
            return failed(error, details);
        }

        return new JsonObject { ["id"] = ticket.Id, ["action"] = "update", ["success"] = true, ["status"] = "Updated" };
    }

    private FakeZendeskResponse Upload(IReadOnlyDictionary<string, string> query, byte[] body, string? contentType)
    {
        if (!query.TryGetValue("filename", out var fileName) || string.IsNullOrWhiteSpace(fileName))
        {
            return FakeZendeskResponse.Error(400, "InvalidParameter", "filename is required");
        }

        if (body.Length == 0)
        {
            return FakeZendeskResponse.Invalid("file", "File: cannot be empty", "BlankValue");
        }

        if (body.LongLength > options.MaxUploadBytes)
        {
            return FakeZendeskResponse.Invalid("file", $"File: is larger than the {options.MaxUploadBytes / (1024 * 1024)} MB limit", "TooLarge");
        }

        query.TryGetValue("token", out var existing);
        if (existing is not null && !store.Uploads.ContainsKey(existing))
        {
            return FakeZendeskResponse.Invalid("token", "Token: is invalid or expired", "InvalidValue");
        }

        var token = store.AddUpload(existing, fileName, contentType ?? "application/binary", body);
        var attachments = store.Uploads[token];
        return FakeZendeskResponse.Json(201, new JsonObject
        {
            ["upload"] = new JsonObject
            {
                ["token"] = token,
                ["expires_at"] = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["attachment"] = attachments[^1].ToJson(),
                ["attachments"] = new JsonArray(attachments.Select(a => (JsonNode?)a.ToJson()).ToArray()),
            },
        });
    }

    private FakeZendeskResponse WithUser(string id, Func<FakeZendeskUser, FakeZendeskResponse> then) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) && store.User(userId) is { } user ? then(user) : FakeZendeskResponse.NotFound();

    private FakeZendeskResponse WithTicket(string id, Func<FakeZendeskTicket, FakeZendeskResponse> then) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var ticketId) && store.Ticket(ticketId) is { } ticket ? then(ticket) : FakeZendeskResponse.NotFound();

    private static FakeZendeskResponse WithJson(byte[] body, string root, Func<JsonObject, FakeZendeskResponse> then) =>
        Parse(body)?[root] is JsonObject input ? then(input) : FakeZendeskResponse.Error(400, "InvalidParameter", $"Parameter {root} is required and must be an object");

    private static FakeZendeskResponse WithJsonArray(byte[] body, string root, Func<JsonArray, FakeZendeskResponse> then) =>
        Parse(body)?[root] is JsonArray items ? then(items) : FakeZendeskResponse.Error(400, "InvalidParameter", $"Parameter {root} is required and must be an array");

    private static JsonNode? Parse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(Encoding.UTF8.GetString(body));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static HashSet<long> Ids(IReadOnlyDictionary<string, string> query) =>
        (query.TryGetValue("ids", out var ids) ? ids : "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(i => long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToHashSet();
}
