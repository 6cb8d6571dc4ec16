using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Zendesk;

/// <summary>
/// Ticket writes as Zendesk applies them, shared by POST/PUT /tickets and the create_many / update_many jobs: the
/// validation (requester, description, status, closed tickets, the comment ceiling, follow-ups) happens before
/// anything changes, and one write is one audit holding its comment and the caller's metadata.
/// </summary>
internal static class FakeZendeskTickets
{
    private static readonly string[] Statuses = ["new", "open", "pending", "hold", "solved", "closed"];
    private static readonly string[] Priorities = ["low", "normal", "high", "urgent"];

    /// <returns>The ticket written and its audit, or Zendesk's refusal.</returns>
    public static (FakeZendeskTicket? Ticket, FakeZendeskResponse? Refusal) Create(FakeZendeskStore store, JsonObject input, long actorId)
    {
        long requesterId;
        if (Long(input["requester_id"]) is { } id)
        {
            if (store.User(id) is null)
            {
                return (null, FakeZendeskResponse.Invalid("requester", "Requester: is invalid", "InvalidValue"));
            }

            requesterId = id;
        }
        else if (input["requester"] is JsonObject requester && requester["name"]?.ToString() is { Length: > 0 } name)
        {
            var email = requester["email"]?.ToString();
            requesterId = (email is null ? null : store.OwnerOf("email", email))?.Id
                ?? store.AddUser(name, email, requester["phone"]?.ToString(), null, "end-user").Id;
        }
        else
        {
            return (null, FakeZendeskResponse.Invalid("requester", "Requester: cannot be blank", "BlankValue"));
        }

        if (input["comment"] is null && input["voice_comment"] is null)
        {
            return (null, FakeZendeskResponse.Invalid("description", "Description: cannot be blank", "BlankValue"));
        }

        if (Long(input["via_followup_source_id"]) is { } source && store.Ticket(source) is not { Status: "closed" })
        {
            return (null, FakeZendeskResponse.Invalid("via_followup_source_id", "Via followup source: only a closed ticket can be followed up", "InvalidValue"));
        }

        if (Check(store, input, actorId, newTicket: true) is { } refusal)
        {
            return (null, refusal);
        }

        var ticket = store.AddTicket(requesterId);
        ticket.FollowUpSourceId = Long(input["via_followup_source_id"]);
        ticket.Status = "new";
        Apply(store, ticket, input, actorId, replaceTags: true);
        if (input["status"] is null)
        {
            ticket.Status = "open";
        }

        return (ticket, null);
    }

    public static FakeZendeskResponse? Update(FakeZendeskStore store, FakeZendeskTicket ticket, JsonObject input, long actorId)
    {
        if (ticket.Status == "closed")
        {
            return FakeZendeskResponse.Invalid("status", "Status: closed prevents ticket update");
        }

        if ((input["comment"] is not null || input["voice_comment"] is not null) && ticket.CommentCount >= store.MaxComments)
        {
            return FakeZendeskResponse.Invalid(
                "base", $"Comments: a ticket can have at most {store.MaxComments.ToString(CultureInfo.InvariantCulture)} comments; this one has reached the limit", "TooManyComments");
        }

        if (Check(store, input, actorId, newTicket: false) is { } refusal)
        {
            return refusal;
        }

        Apply(store, ticket, input, actorId, replaceTags: input["tags"] is not null);
        return null;
    }

    private static FakeZendeskResponse? Check(FakeZendeskStore store, JsonObject input, long actorId, bool newTicket)
    {
        if (input["status"]?.ToString() is { } status && !Statuses.Contains(status))
        {
            return FakeZendeskResponse.Invalid("status", $"Status: {status} is not a valid status", "InvalidValue");
        }

        if (input["priority"]?.ToString() is { } priority && !Priorities.Contains(priority))
        {
            return FakeZendeskResponse.Invalid("priority", $"Priority: {priority} is not a valid priority", "InvalidValue");
        }

        if (input["comment"] is JsonObject comment)
        {
            var body = comment["body"]?.ToString() ?? comment["html_body"]?.ToString();
            if (string.IsNullOrWhiteSpace(body) && comment["uploads"] is not JsonArray { Count: > 0 })
            {
                return FakeZendeskResponse.Invalid(newTicket ? "description" : "comment", newTicket ? "Description: cannot be blank" : "Comment: cannot be blank", "BlankValue");
            }

            if (Long(comment["author_id"]) is { } author && store.User(author) is null)
            {
                return FakeZendeskResponse.Invalid("author_id", "Author: is invalid", "InvalidValue");
            }
        }
        else if (input["comment"] is not null)
        {
            return FakeZendeskResponse.Error(400, "InvalidParameter", "comment must be an object");
        }

        if (input["voice_comment"] is JsonObject voice)
        {
            foreach (var field in new[] { "from", "to", "started_at" })
            {
                if (string.IsNullOrWhiteSpace(voice[field]?.ToString()))
                {
                    return FakeZendeskResponse.Invalid("voice_comment", $"Voice comment: {field} is required", "BlankValue");
                }
            }

            if (voice["call_duration"] is { } duration && Long(duration) is null)
            {
                return FakeZendeskResponse.Invalid("voice_comment", "Voice comment: call_duration must be a whole number of seconds", "InvalidValue");
            }

            if (Long(voice["answered_by_id"]) is { } agent && store.User(agent) is not { Role: "agent" or "admin" })
            {
                return FakeZendeskResponse.Invalid("voice_comment", "Voice comment: answered_by_id is not an agent", "InvalidValue");
            }
        }

        _ = actorId;
        return null;
    }

    private static void Apply(FakeZendeskStore store, FakeZendeskTicket ticket, JsonObject input, long actorId, bool replaceTags)
    {
        if (input["external_id"]?.ToString() is { } externalId)
        {
            ticket.ExternalId = externalId;
        }

        if (input["subject"]?.ToString() is { } subject)
        {
            ticket.Subject = subject;
        }

        if (input["status"]?.ToString() is { } status)
        {
            ticket.Status = status;
        }

        if (input["priority"]?.ToString() is { } priority)
        {
            ticket.Priority = priority;
        }

        if (replaceTags)
        {
            ticket.Tags.Clear();
        }

        foreach (var tag in Strings(input["tags"]).Concat(Strings(input["additional_tags"])))
        {
            if (!ticket.Tags.Contains(tag, StringComparer.Ordinal))
            {
                ticket.Tags.Add(tag);
            }
        }

        ticket.Tags.RemoveAll(t => Strings(input["remove_tags"]).Contains(t, StringComparer.Ordinal));

        FakeZendeskComment? comment = null;
        if (input["comment"] is JsonObject text)
        {
            // Later comments keep the first comment's visibility unless the write says otherwise.
            var isPublic = text["public"] is { } flag ? flag.GetValue<bool>() : ticket.Comments.FirstOrDefault()?.Public ?? true;
            var attachments = new List<FakeZendeskAttachment>();
            foreach (var token in Strings(text["uploads"]))
            {
                if (store.Uploads.Remove(token, out var files))
                {
                    attachments.AddRange(files);
                }
            }

            comment = new FakeZendeskComment(
                store.NextCommentId(), "Comment", Long(text["author_id"]) ?? actorId,
                text["body"]?.ToString() ?? text["html_body"]?.ToString(), isPublic, attachments, null);
        }
        else if (input["voice_comment"] is JsonObject voice)
        {
            comment = new FakeZendeskComment(
                store.NextCommentId(), "VoiceComment", Long(voice["answered_by_id"]) ?? actorId,
                voice["transcription_text"]?.ToString(), false, [], (JsonObject)voice.DeepClone());
        }

        store.AddAudit(ticket, actorId, comment, input["metadata"] is JsonObject metadata ? (JsonObject)metadata.DeepClone() : null);
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(v => v?.ToString()).OfType<string>().ToList() : [];

    public static long? Long(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<long>(out var n) => n,
        JsonValue value when value.TryGetValue<int>(out var i) => i,
        JsonValue value when value.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
