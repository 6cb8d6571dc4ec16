using Connector.Core;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;

namespace Connector.Worker.Api;

/// <summary>
/// An already-normalized channel event posted by a tool or another service (the webhooks build the same
/// <see cref="InboundEvent"/> from their wire formats). Every field is optional here so that a missing one gets
/// a message naming it rather than a default.
/// </summary>
public sealed record InboundEventRequest(
    string? EventId,
    string? Channel,
    string? Type,
    string? Direction,
    DateTimeOffset? OccurredAt,
    IReadOnlyList<InboundIdentityRequest>? Identities,
    string? Text,
    string? ExternalRef,
    IReadOnlyList<CrmRecordRefRequest>? CrmRefs,
    IReadOnlyList<string>? ThreadRefs = null,
    Guid? ConversationId = null)
{
    public InboundEvent ToInboundEvent(DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(EventId))
        {
            throw new InvalidInboundEventException("eventId is required.");
        }

        if (!ChannelNames.TryParse(Channel, out var channel))
        {
            throw new InvalidInboundEventException($"channel must be one of {string.Join(", ", ChannelNames.All)}; got '{Channel}'.");
        }

        var type = string.IsNullOrEmpty(Type) ? (TimelineEventType?)null : ParseWire<TimelineEventType>(Type, "type");
        var direction = string.IsNullOrEmpty(Direction) ? Core.Conversations.Direction.In : ParseWire<Direction>(Direction, "direction");
        var identities = (Identities ?? []).Select(i => new InboundIdentity(ParseWire<IdentityKind>(i.Kind, "identities[].kind"), i.Value ?? "")).ToList();
        var crmRefs = (CrmRefs ?? []).Select(r => new CrmRecordRef(r.Crm ?? "", r.RecordId ?? "")).ToList();
        return new InboundEvent(EventId.Trim(), channel, type, direction, OccurredAt ?? now, identities, Text, ExternalRef, crmRefs, ThreadRefs, ConversationId);
    }

    private static T ParseWire<T>(string? value, string field) where T : struct, Enum =>
        WireNames.TryParse<T>(value, out var parsed)
            ? parsed
            : throw new InvalidInboundEventException($"{field} must be one of {WireNames.Allowed<T>()}; got '{value}'.");
}

public sealed record InboundIdentityRequest(string? Kind, string? Value);

public sealed record CrmRecordRefRequest(string? Crm, string? RecordId);
