using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Zendesk;

public sealed class FakeZendeskUser
{
    public required long Id { get; init; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? ExternalId { get; set; }

    public string Role { get; set; } = "end-user";

    public List<FakeZendeskIdentity> Identities { get; } = [];

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["url"] = $"/api/v2/users/{Id}.json",
        ["name"] = Name,
        ["email"] = Email,
        ["phone"] = Phone,
        ["external_id"] = ExternalId,
        ["role"] = Role,
        ["active"] = true,
        ["verified"] = Email is not null,
    };
}

public sealed record FakeZendeskIdentity(long Id, long UserId, string Type, string Value, bool Primary)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["user_id"] = UserId,
        ["type"] = Type,
        ["value"] = Value,
        ["primary"] = Primary,
        ["verified"] = Type != "email" || Primary,
    };
}

public sealed class FakeZendeskTicket
{
    public required long Id { get; init; }

    public string? ExternalId { get; set; }

    public required long RequesterId { get; set; }

    public string? Subject { get; set; }

    public string Status { get; set; } = "open";

    public string? Priority { get; set; }

    public long? FollowUpSourceId { get; set; }

    /// <summary>How the ticket came in, when a Talk Partner Edition voice ticket says (44 voicemail, 45 inbound, 46 outbound).</summary>
    public int? ViaId { get; set; }

    public List<string> Tags { get; } = [];

    public List<FakeZendeskAudit> Audits { get; } = [];

    /// <summary>Comments Zendesk counts on the ticket: the stored ones plus those a test seeded by number.</summary>
    public int CommentCount => SeededComments + Comments.Count();

    public int SeededComments { get; set; }

    public IEnumerable<FakeZendeskComment> Comments => Audits.Where(a => a.Comment is not null).Select(a => a.Comment!);

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["url"] = $"/api/v2/tickets/{Id}.json",
        ["external_id"] = ExternalId,
        ["requester_id"] = RequesterId,
        ["submitter_id"] = RequesterId,
        ["subject"] = Subject,
        ["raw_subject"] = Subject,
        ["description"] = Comments.FirstOrDefault()?.Body,
        ["status"] = Status,
        ["priority"] = Priority,
        ["tags"] = new JsonArray(Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        ["via"] = ViaId is { } via
            ? new JsonObject { ["channel"] = "voice", ["source"] = new JsonObject { ["rel"] = via == 46 ? "outbound" : via == 44 ? "voicemail" : "inbound" } }
            : new JsonObject { ["channel"] = "api" },
        ["followup_ids"] = new JsonArray(),
        ["via_followup_source_id"] = FollowUpSourceId,
    };
}

/// <summary>One update of a ticket: who, the comment it added (if any), and the caller's <c>metadata</c> (kept as <c>custom</c>).</summary>
public sealed record FakeZendeskAudit(long Id, long TicketId, long AuthorId, FakeZendeskComment? Comment, JsonObject? Custom, DateTimeOffset CreatedAt)
{
    public JsonObject ToJson()
    {
        var events = new JsonArray();
        if (Comment is not null)
        {
            events.Add(Comment.ToEvent());
        }

        return new JsonObject
        {
            ["id"] = Id,
            ["ticket_id"] = TicketId,
            ["author_id"] = AuthorId,
            ["created_at"] = CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["metadata"] = new JsonObject { ["system"] = new JsonObject { ["client"] = "connector" }, ["custom"] = Custom?.DeepClone() ?? new JsonObject() },
            ["events"] = events,
        };
    }
}

/// <summary>A comment or voice comment; <see cref="VoiceData"/> holds a voice comment's call details.</summary>
public sealed record FakeZendeskComment(long Id, string Type, long AuthorId, string? Body, bool Public, IReadOnlyList<FakeZendeskAttachment> Attachments, JsonObject? VoiceData)
{
    public JsonObject ToJson()
    {
        var comment = new JsonObject
        {
            ["id"] = Id,
            ["type"] = Type,
            ["author_id"] = AuthorId,
            ["body"] = Body,
            ["html_body"] = $"<div class=\"zd-comment\"><p>{System.Net.WebUtility.HtmlEncode(Body)}</p></div>",
            ["plain_body"] = Body,
            ["public"] = Public,
            ["attachments"] = new JsonArray(Attachments.Select(a => (JsonNode?)a.ToJson()).ToArray()),
        };
        if (VoiceData is not null)
        {
            comment["data"] = VoiceData.DeepClone();
        }

        return comment;
    }

    public JsonObject ToEvent()
    {
        var e = ToJson();
        e["type"] = Type;
        return e;
    }
}

public sealed record FakeZendeskAttachment(long Id, string FileName, string ContentType, byte[] Content)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["file_name"] = FileName,
        ["content_type"] = ContentType,
        ["content_url"] = $"/attachments/token/{Id}/?name={Uri.EscapeDataString(FileName)}",
        ["size"] = Content.Length,
    };
}

/// <summary>One screen-pop: the record (<c>ticket</c> or <c>user</c>) Zendesk opened for the agent.</summary>
public sealed record FakeZendeskDisplay(long AgentId, string RecordType, long RecordId);
