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
    /// <summary>Event ids, identity values and references are short; a longer one is not a channel's.</summary>
    public const int MaxIdLength = 512;

    /// <summary>Text longer than any channel carries (the request body limit bounds it too).</summary>
    public const int MaxTextLength = 32 * 1024;

    /// <exception cref="InvalidRequestFieldException">A field is missing, of an unknown value or too long.</exception>
    public InboundEvent ToInboundEvent(DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(EventId))
        {
            throw new InvalidRequestFieldException("eventId", "eventId is required.");
        }

        Bounded(EventId, "eventId", MaxIdLength);
        if (!ChannelNames.TryParse(Channel, out var channel))
        {
            throw new InvalidRequestFieldException("channel", $"channel must be one of {string.Join(", ", ChannelNames.All)}; got '{Channel}'.");
        }

        var type = string.IsNullOrEmpty(Type) ? (TimelineEventType?)null : ParseWire<TimelineEventType>(Type, "type");
        var direction = string.IsNullOrEmpty(Direction) ? Core.Conversations.Direction.In : ParseWire<Direction>(Direction, "direction");
        var identities = (Identities ?? []).Select((i, n) => i is null
            ? throw new InvalidRequestFieldException($"identities[{n}]", $"identities[{n}] is null; give {{kind, value}}.")
            : new InboundIdentity(ParseWire<IdentityKind>(i.Kind, $"identities[{n}].kind"), Bounded(i.Value, $"identities[{n}].value", MaxIdLength) ?? "")).ToList();
        if (identities.Count == 0)
        {
            throw new InvalidRequestFieldException("identities", "identities must name at least one identity of the customer (the sender's first).");
        }

        var crmRefs = (CrmRefs ?? []).Select((r, n) => r switch
        {
            null => throw new InvalidRequestFieldException($"crmRefs[{n}]", $"crmRefs[{n}] is null; give {{crm, recordId}}."),
            { Crm: null or "" or { Length: > MaxIdLength } } => throw new InvalidRequestFieldException($"crmRefs[{n}].crm", $"crmRefs[{n}].crm is required (at most {MaxIdLength} characters)."),
            { RecordId: null or "" or { Length: > MaxIdLength } } => throw new InvalidRequestFieldException($"crmRefs[{n}].recordId", $"crmRefs[{n}].recordId is required (at most {MaxIdLength} characters)."),
            _ when string.IsNullOrWhiteSpace(r.Crm) => throw new InvalidRequestFieldException($"crmRefs[{n}].crm", $"crmRefs[{n}].crm is blank."),
            _ when string.IsNullOrWhiteSpace(r.RecordId) => throw new InvalidRequestFieldException($"crmRefs[{n}].recordId", $"crmRefs[{n}].recordId is blank."),
            _ => new CrmRecordRef(r.Crm, r.RecordId),
        }).ToList();
        var threadRefs = ThreadRefs?.Select((t, n) => Bounded(t, $"threadRefs[{n}]", MaxIdLength) ?? throw new InvalidRequestFieldException($"threadRefs[{n}]", $"threadRefs[{n}] is null.")).ToList();
        Bounded(Text, "text", MaxTextLength);
        Bounded(ExternalRef, "externalRef", MaxIdLength);
        return new InboundEvent(EventId.Trim(), channel, type, direction, OccurredAt ?? now, identities, Text, ExternalRef, crmRefs, threadRefs, ConversationId);
    }

    private static string? Bounded(string? value, string field, int max) =>
        value is { Length: var length } && length > max
            ? throw new InvalidRequestFieldException(field, $"{field} is longer than {max} characters.")
            : value;

    private static T ParseWire<T>(string? value, string field) where T : struct, Enum =>
        WireNames.TryParse<T>(value, out var parsed)
            ? parsed
            : throw new InvalidRequestFieldException(field, $"{field} must be one of {WireNames.Allowed<T>()}; got '{value}'.");
}

public sealed record InboundIdentityRequest(string? Kind, string? Value);

public sealed record CrmRecordRefRequest(string? Crm, string? RecordId);
