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

        var type = string.IsNullOrEmpty(Type) ? (TimelineEventType?)null : ParseWire<TimelineEventType>(Type, "type",
            "message, call_started, call_connected, call_ended, recording_available, transcript_available, note, disposition");
        var direction = string.IsNullOrEmpty(Direction) ? Core.Conversations.Direction.In : ParseWire<Direction>(Direction, "direction", "in, out");
        var identities = (Identities ?? []).Select(i => IdentityKindNames.TryParse(i.Kind, out var kind)
            ? new InboundIdentity(kind, i.Value ?? "")
            : throw new InvalidInboundEventException($"identities[].kind must be one of {string.Join(", ", IdentityKindNames.All)}; got '{i.Kind}'.")).ToList();
        var crmRefs = (CrmRefs ?? []).Select(r => new CrmRecordRef(r.Crm ?? "", r.RecordId ?? "")).ToList();
        return new InboundEvent(EventId.Trim(), channel, type, direction, OccurredAt ?? now, identities, Text, ExternalRef, crmRefs, ThreadRefs, ConversationId);
    }

    private static T ParseWire<T>(string value, string field, string allowed) where T : struct, Enum
    {
        try
        {
            return WireNames.Parse<T>(value.Trim().ToLowerInvariant());
        }
        catch (System.Text.Json.JsonException)
        {
            throw new InvalidInboundEventException($"{field} must be one of {allowed}; got '{value}'.");
        }
    }
}

public sealed record InboundIdentityRequest(string? Kind, string? Value);

public sealed record CrmRecordRefRequest(string? Crm, string? RecordId);
