using System.Text.Json;
using Connector.Core;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;

namespace Connector.Worker.Storage.Rows;

/// <summary>Rows to domain records; enum columns hold the same words as the API.</summary>
internal static class RowMapping
{
    public static Customer ToCustomer(CustomerRow row, IEnumerable<IdentityRow> identities, IEnumerable<CrmRefRow> crmRefs) => new(
        row.Id,
        row.CreatedAt,
        identities.Select(i => new CustomerIdentity(WireNames.Parse<IdentityKind>(i.Kind), i.Value)).ToList(),
        crmRefs.Select(r => new CrmRecordRef(r.Crm, r.RecordId)).ToList());

    public static Conversation ToConversation(ConversationRow row, IEnumerable<SegmentRow> segments) => new(
        row.Id,
        row.CustomerId,
        WireNames.Parse<ConversationState>(row.State),
        row.StartedAt,
        row.LastActivityAt,
        row.ClosedAt,
        segments.OrderBy(s => s.Sequence)
            .Select(s => new ConversationSegment(s.Id, s.ConversationId, s.Sequence, ChannelNames.Parse(s.Channel), s.StartedAt, s.EndedAt))
            .ToList());

    public static TimelineEvent ToTimelineEvent(TimelineEventRow row) => new(
        row.Id, row.ConversationId, row.SegmentId, WireNames.Parse<TimelineEventType>(row.Type), ChannelNames.Parse(row.Channel),
        WireNames.Parse<Direction>(row.Direction), row.At, row.Text, row.ExternalRef, row.SourceEventId, row.DeliveryStatus)
    {
        Subject = row.Subject,
        Author = row.Author,
    };

    public static RoutingTask ToTask(RoutingTaskRow row) => new(
        row.Id, row.ConversationId, row.CustomerId, ChannelNames.Parse(row.Channel), WireNames.Parse<RoutingTaskState>(row.State),
        row.Priority, row.CreatedAt, row.UpdatedAt, row.CustomerLastMessageAt, row.ExternalRef, row.AssignedAgentId)
    {
        Journey = row.Journey,
        Queue = row.Queue,
        OfferExpiresAt = row.OfferExpiresAt,
        WrapUpUntil = row.WrapUpUntil,
        SlaBreachedAt = row.SlaBreachedAt,
        DeclinedBy = JsonSerializer.Deserialize<List<string>>(row.DeclinedBy) ?? [],
        FirstRespondedAt = row.FirstRespondedAt,
        FirstResponseBreachedAt = row.FirstResponseBreachedAt,
        QuarantinedAt = row.QuarantinedAt,
        QuarantineReason = row.QuarantineReason,
        TraceParent = row.TraceParent,
        HandOffSummary = row.HandoffSummary,
    };

    public static Agent ToAgent(AgentRow row) => new(
        row.Id, row.Name, row.CapacityProfile,
        JsonSerializer.Deserialize<Dictionary<string, int>>(row.Skills) ?? [],
        JsonSerializer.Deserialize<List<string>>(row.Languages) ?? [],
        row.CrmUserId,
        row.Channels.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ChannelNames.Parse).ToList(),
        row.UpdatedAt);

    public static RoutingDecision ToDecision(DecisionRow row) => new(
        row.Id, row.TaskId, row.At, ChannelNames.Parse(row.Channel), row.Queue, row.Rule, row.TaskScore, row.AgentId, row.Outcome,
        JsonSerializer.Deserialize<List<DecisionCandidate>>(row.Candidates, JsonSerializerOptions.Web) ?? [])
    {
        CandidatesConsidered = row.CandidatesConsidered,
    };

    public static OutboxMessage ToOutbox(OutboxRow row) => new(
        row.Id, row.Kind, row.IdempotencyKey, row.CustomerId, row.ConversationId, row.SubjectId,
        WireNames.Parse<OutboxState>(row.State), row.Attempts, row.CreatedAt, row.NextAttemptAt, row.CompletedAt, row.LastError, row.Payload)
    {
        TraceParent = row.TraceParent,
    };

    public static string ToColumn(OutboxState state) => WireNames.Of(state);

    public static CustomerMerge ToMerge(CustomerMergeRow r) => new(r.Id, r.MergedCustomerId, r.IntoCustomerId, r.EventId, r.Reason, r.At);

    public static IdentityConflict ToConflict(IdentityConflictRow r) => new(r.Id, r.CustomerId, r.OtherCustomerId, r.Crm, r.EventId, r.Detail, r.At);

    public static CrmLink ToCrmLink(CrmLinkRow r) => new(r.Crm, r.IdempotencyKey, r.RecordType, r.RecordId, r.CreatedAt);
}
