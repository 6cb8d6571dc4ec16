using Connector.Core;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Outbox;
using Connector.Core.Routing;

namespace Connector.Worker.Api;

/// <summary>The read API's JSON shapes (README, "Run it"; /openapi/v1.json): a contract that tools and tests rely on.</summary>
public sealed record CustomerResponse(
    Guid Id,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CustomerIdentity> Identities,
    IReadOnlyList<CrmRecordRef> CrmRefs,
    IReadOnlyList<Guid> ConversationIds);

public sealed record SegmentResponse(int Sequence, Channel Channel, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

/// <param name="Subject">For mail: its Subject.</param>
/// <param name="Author"><c>bot</c> for what the bot wrote (its answers and its hand-off note); absent for the customer and agents.</param>
public sealed record TimelineEventResponse(Guid Id, TimelineEventType Type, Channel Channel, Direction Direction, DateTimeOffset At, string? Text, string? ExternalRef, string? DeliveryStatus, IReadOnlyList<AttachmentResponse> Attachments, string? Subject, string? Author = null)
{
    /// <summary>The entry's sentiment and topics once its work was analysed (the insight layer); null before.</summary>
    public Insight.TimelineInsightResponse? Insight { get; init; }
}

/// <param name="Id">The attachment's id, for <see cref="Url"/>.</param>
/// <param name="Url">Where whoever may see the conversation opens the file: <c>/api/conversations/{id}/attachments/{attachmentId}</c>.</param>
public sealed record AttachmentResponse(string FileName, string ContentType, long SizeBytes, Guid Id, string Url)
{
    public static AttachmentResponse From(Guid conversationId, TimelineAttachment a) =>
        new(a.FileName, a.ContentType, a.SizeBytes, a.Id, $"/api/conversations/{conversationId}/attachments/{a.Id}");
}

public sealed record ConversationResponse(
    Guid Id,
    Guid CustomerId,
    ConversationState State,
    DateTimeOffset StartedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<SegmentResponse> Segments,
    IReadOnlyList<TimelineEventResponse> Timeline)
{
    /// <summary>The customer's claimed phones and emails (typed in a web chat, an unverified From), verified or not.</summary>
    public IReadOnlyList<Claims.ClaimResponse> Claims { get; init; } = [];

    /// <summary>The conversation's analysed interactions (one per finished task): sentiment, trend, participants, topics.</summary>
    public IReadOnlyList<Insight.InteractionInsightResponse> Insights { get; init; } = [];

    /// <summary>The roll-up of <see cref="Insights"/> over the whole conversation; null until an interaction was analysed.</summary>
    public Insight.ConversationRollUp? InsightSummary { get; init; }

    public static ConversationResponse From(ConversationView view)
    {
        var c = view.Conversation;
        return new ConversationResponse(
            c.Id, c.CustomerId, c.State, c.StartedAt, c.LastActivityAt, c.ClosedAt,
            c.Segments.Select(s => new SegmentResponse(s.Sequence, s.Channel, s.StartedAt, s.EndedAt)).ToList(),
            view.Timeline.Select(e => new TimelineEventResponse(e.Id, e.Type, e.Channel, e.Direction, e.At, e.Text, e.ExternalRef, e.DeliveryStatus,
                view.Attachments.Where(a => a.TimelineEventId == e.Id).Select(a => AttachmentResponse.From(c.Id, a)).ToList(), e.Subject, e.Author)).ToList());
    }
}

/// <param name="NextAttemptAt">When a row waiting to be retried is next tried.</param>
public sealed record OutboxResponse(long Id, string Kind, string IdempotencyKey, string State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? LastError, DateTimeOffset? NextAttemptAt)
{
    public static OutboxResponse From(OutboxMessage m) =>
        new(m.Id, m.Kind, m.IdempotencyKey, WireNames.Of(m.State), m.Attempts, m.CreatedAt, m.CompletedAt, m.LastError, m.NextAttemptAt);
}

/// <param name="DeclinedBy">Agents who declined it, missed its offer or whose line did not answer: it is not offered to them again.</param>
/// <param name="SlaBreachedAt">When it missed its channel's answer target.</param>
/// <param name="FirstRespondedAt">When an agent first wrote to the customer.</param>
/// <param name="FirstResponseBreachedAt">When it missed its channel's first-response target.</param>
/// <param name="Quarantined">Set while the router leaves it out because deciding it kept failing: when and why.</param>
/// <param name="HandOffSummary">The bot's summary when the bot handed this work to a person.</param>
public sealed record TaskResponse(
    Guid Id, Guid ConversationId, Guid CustomerId, Channel Channel, RoutingTaskState State, int Priority, DateTimeOffset CreatedAt, DateTimeOffset? CustomerLastMessageAt,
    string? AssignedAgentId, IReadOnlyList<string> DeclinedBy, DateTimeOffset? SlaBreachedAt, DateTimeOffset? FirstRespondedAt, DateTimeOffset? FirstResponseBreachedAt,
    string? Queue, DateTimeOffset? OfferExpiresAt, TaskQuarantine? Quarantined = null, string? HandOffSummary = null)
{
    public static TaskResponse From(RoutingTask t) =>
        new(t.Id, t.ConversationId, t.CustomerId, t.Channel, t.State, t.Priority, t.CreatedAt, t.CustomerLastMessageAt, t.AssignedAgentId, t.DeclinedBy,
            t.SlaBreachedAt, t.FirstRespondedAt, t.FirstResponseBreachedAt, t.Queue, t.OfferExpiresAt,
            t.QuarantinedAt is { } at ? new TaskQuarantine(at, t.QuarantineReason ?? "") : null, t.HandOffSummary);
}

/// <summary>Why the router stopped routing a task: since when, and the failure it kept hitting.</summary>
public sealed record TaskQuarantine(DateTimeOffset At, string Reason);
