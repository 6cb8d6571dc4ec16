using System.Text.Json.Nodes;

namespace Connector.Zendesk.Mapping;

/// <summary>
/// One write to a conversation's ticket: at most one comment (a private comment or a voice comment), the fields
/// it sets, and the keys of the parts it writes. The keys become tags in the same update (what a replay looks for)
/// and the audit's metadata (<c>metadata.custom.connector</c>), so the write and its marks land together or not at all.
/// </summary>
internal sealed class ZendeskTicketChange
{
    public ZendeskTicketChange(string firstKey) => Keys.Add(firstKey);

    public List<string> Keys { get; } = [];

    public JsonObject? Comment { get; set; }

    public JsonObject? VoiceComment { get; set; }

    /// <summary>For a call: Talk Partner Edition's <c>via_id</c> of a ticket it opens (45 inbound call, 46 outbound call).</summary>
    public int? VoiceVia { get; set; }

    public string? Subject { get; set; }

    public string? Status { get; set; }

    /// <summary>Zendesk's priority (low, normal, high, urgent); null keeps the ticket's.</summary>
    public string? Priority { get; set; }

    public List<string> Tags { get; } = [];

    /// <summary>What the audit keeps about the parts (channel, direction, subject, disposition, files…).</summary>
    public JsonObject Connector { get; } = [];

    public string IdempotencyKey => Keys[0];

    public bool HasComment => Comment is not null || VoiceComment is not null;

    /// <summary>A voice comment lacking the caller's or the called number, which Zendesk refuses.</summary>
    public bool LacksVoiceNumbers => VoiceComment is { } voice && (voice["from"] is null || voice["to"] is null);

    /// <summary>
    /// The call as a private comment by the agent who answered it, saying which numbers were not known, with its start,
    /// duration and transcript: what Zendesk takes when it refuses the voice comment. The ticket opens as a plain one.
    /// </summary>
    public void WithoutVoiceNumbers()
    {
        if (VoiceComment is not { } voice)
        {
            return;
        }

        var body = new System.Text.StringBuilder("Call; the numbers were not known (from: ")
            .Append(voice["from"]?.ToString() ?? "not known").Append(", to: ").Append(voice["to"]?.ToString() ?? "not known")
            .Append("). Started ").Append(voice["started_at"]?.ToString()).Append(", ").Append(voice["call_duration"]?.ToString() ?? "0").Append(" s.");
        if (voice["transcription_text"]?.ToString() is { Length: > 0 } transcript)
        {
            body.Append("\n\n").Append(transcript);
        }

        Comment = new JsonObject { ["body"] = body.ToString(), ["public"] = false };
        if (voice["answered_by_id"]?.DeepClone() is { } author)
        {
            Comment["author_id"] = author;
        }

        VoiceComment = null;
        VoiceVia = null;
    }

    public JsonObject ForUpdate(long? id = null)
    {
        var ticket = new JsonObject();
        if (id is { } ticketId)
        {
            ticket["id"] = ticketId;
        }

        AddCommon(ticket);
        ticket["additional_tags"] = Strings(AllTags());
        return ticket;
    }

    /// <param name="followUpOf">A closed ticket this one follows (Zendesk links it as a follow-up).</param>
    public JsonObject ForCreate(string conversation, ZendeskNewTicket template, IEnumerable<string> accountTags, long? followUpOf = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var ticket = new JsonObject
        {
            ["external_id"] = conversation,
            ["requester_id"] = template.RequesterId,
            ["subject"] = Subject ?? template.Subject,
        };
        AddCommon(ticket);
        ticket["status"] = Status ?? template.Status;
        if (!HasComment)
        {
            // Zendesk makes the first comment the description and refuses a ticket without one.
            ticket["comment"] = new JsonObject { ["body"] = template.Description ?? template.Subject, ["public"] = false };
        }

        ticket["tags"] = Strings(accountTags.Concat(template.Tags).Concat(AllTags()).Distinct(StringComparer.Ordinal));
        if (followUpOf is { } source)
        {
            ticket["via_followup_source_id"] = source;
        }

        return ticket;
    }

    private IEnumerable<string> AllTags() => Tags.Concat(Keys.Select(ZendeskKeys.Tag));

    private void AddCommon(JsonObject ticket)
    {
        if (Subject is not null)
        {
            ticket["subject"] = Subject;
        }

        if (Status is not null)
        {
            ticket["status"] = Status;
        }

        if (Priority is not null)
        {
            ticket["priority"] = Priority;
        }

        if (Comment is not null)
        {
            ticket["comment"] = Comment.DeepClone();
        }

        if (VoiceComment is not null)
        {
            ticket["voice_comment"] = VoiceComment.DeepClone();
        }

        var connector = (JsonObject)Connector.DeepClone();
        connector["keys"] = Strings(Keys);
        ticket["metadata"] = new JsonObject { ["connector"] = connector };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}

/// <summary>What a ticket opened for a write needs beyond the write itself.</summary>
internal sealed record ZendeskNewTicket(long RequesterId, string Subject, string Status, string? Description = null)
{
    public List<string> Tags { get; init; } = [];
}
