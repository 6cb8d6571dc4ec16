using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;

namespace Connector.Worker.Webhooks;

/// <summary>
/// Turns ACS events into intake events. A chat message arrives twice (thread-level and user-level events, with
/// different event ids), so chat intake ids are the message id: the second copy is a duplicate.
/// </summary>
internal sealed class AcsEventMapper(string? configuredServiceUserId, Func<string?> serviceUserId)
{
    public const string AdvancedMessageReceived = "Microsoft.Communication.AdvancedMessageReceived";
    public const string AdvancedMessageDeliveryStatusUpdated = "Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated";

    public MappedEvent Map(ReceivedEvent e) => e.Type switch
    {
        SystemEventNames.EventGridSubscriptionValidation => Validation(e),
        SystemEventNames.AcsChatMessageReceivedInThread or SystemEventNames.AcsChatMessageReceived => Chat(e),
        AdvancedMessageReceived => WhatsApp(e),
        AdvancedMessageDeliveryStatusUpdated => WhatsAppStatus(e),
        SystemEventNames.AcsEmailDeliveryReportReceived => EmailStatus(e),
        _ when Voice.VoiceEventReceiver.Handles(e.Type) => new MappedEvent.Call(Voice.VoiceEventReceiver.Checked(e)),
        _ => new MappedEvent.Ignored(e, $"event type {e.Type} is not one the connector acts on"),
    };

    private static MappedEvent.Validation Validation(ReceivedEvent e)
    {
        // Our record, not the library's: it names a wrong-typed field, where the library's reader only fails.
        var code = AcsEventData.Read<AcsEventData.SubscriptionValidation>(e.Data)?.ValidationCode;
        return string.IsNullOrEmpty(code) ? throw Invalid(e, "data.validationCode") : new MappedEvent.Validation(e, code);
    }

    private MappedEvent Chat(ReceivedEvent e)
    {
        // The library's model where it has one; our case-insensitive record when its camelCase reader found nothing.
        // The record is read first either way: it names a wrong-typed field, where the library's reader only fails.
        var record = AcsEventData.Read<AcsEventData.ChatMessage>(e.Data);
        var library = SystemData(e);
        var (body, messageId, sender, composed, threadId, type) = library switch
        {
            AcsChatMessageReceivedInThreadEventData d when d.MessageId is not null => (d.MessageBody, d.MessageId, d.SenderCommunicationIdentifier?.RawId, d.ComposeTime, d.ThreadId, d.Type),
            AcsChatMessageReceivedEventData d when d.MessageId is not null => (d.MessageBody, d.MessageId, d.SenderCommunicationIdentifier?.RawId, d.ComposeTime, d.ThreadId, d.Type),
            _ => FromRecord(record),
        };
        if (string.IsNullOrEmpty(messageId))
        {
            throw Invalid(e, "data.messageId");
        }

        if (string.IsNullOrEmpty(sender))
        {
            throw Invalid(e, "data.senderCommunicationIdentifier.rawId");
        }

        if (string.IsNullOrEmpty(threadId))
        {
            throw Invalid(e, "data.threadId");
        }

        Id(e, messageId, "data.messageId");
        Id(e, threadId, "data.threadId");
        Id(e, sender, "data.senderCommunicationIdentifier.rawId");
        Bounded(e, body, "data.messageBody");
        if (sender == configuredServiceUserId || sender == serviceUserId())
        {
            return new MappedEvent.Ignored(e, "sent by the connector itself");
        }

        return new MappedEvent.Intake(e, new InboundEvent(
            $"chat:{threadId}:{messageId}", Channel.Chat, TimelineEventType.Message, Direction.In, composed ?? e.Time ?? DateTimeOffset.UtcNow,
            [new InboundIdentity(IdentityKind.Chat, sender)], type is null or "Text" or "text" or "RichText/Html" or "html" ? body : $"[{type}] {body}", messageId));

        static (string?, string?, string?, DateTimeOffset?, string?, string?) FromRecord(AcsEventData.ChatMessage? d) =>
            (d?.MessageBody, d?.MessageId, d?.SenderCommunicationIdentifier?.RawId, d?.ComposeTime, d?.ThreadId, d?.Type);
    }

    private static MappedEvent WhatsApp(ReceivedEvent e)
    {
        var d = AcsEventData.Read<AcsEventData.AdvancedMessageReceived>(e.Data) ?? throw Invalid(e, "data");
        if (string.IsNullOrWhiteSpace(d.From))
        {
            throw Invalid(e, "data.from");
        }

        if (d.ChannelType is { } channel && !channel.Equals("whatsapp", StringComparison.OrdinalIgnoreCase))
        {
            return new MappedEvent.Ignored(e, $"advanced message on channel {channel}, which the connector does not serve");
        }

        Bounded(e, d.Content, "data.content");
        Bounded(e, d.Media?.Caption, "data.media.caption");
        Id(e, d.MessageId ?? "", "data.messageId");
        Id(e, d.Media?.Id ?? "", "data.media.id");
        var text = d.Content ?? d.Media?.Caption ?? (d.Media is { } media ? $"[{media.MimeType ?? "media"}: {media.FileName ?? media.Id}]" : null);
        return new MappedEvent.Intake(e, new InboundEvent(
            $"acs:{e.Id}", Channel.WhatsApp, TimelineEventType.Message, Direction.In, d.ReceivedTimestamp ?? e.Time ?? DateTimeOffset.UtcNow,
            [new InboundIdentity(IdentityKind.WhatsApp, d.From)], text, d.MessageId ?? e.Id,
            Media: d.Media is { Id: { Length: > 0 } mediaId } m ? new InboundMedia(mediaId, m.MimeType, m.FileName) : null));
    }

    private static MappedEvent WhatsAppStatus(ReceivedEvent e)
    {
        var d = AcsEventData.Read<AcsEventData.AdvancedMessageDeliveryStatusUpdated>(e.Data) ?? throw Invalid(e, "data");
        if (string.IsNullOrEmpty(d.MessageId))
        {
            throw Invalid(e, "data.messageId");
        }

        return DeliveryStatuses.Normalize(d.Status) is { } status
            ? new MappedEvent.DeliveryStatus(e, d.MessageId, status)
            : new MappedEvent.Ignored(e, $"delivery status '{d.Status}' is not one the connector tracks");
    }

    private static MappedEvent EmailStatus(ReceivedEvent e)
    {
        var d = AcsEventData.Read<AcsEventData.EmailDeliveryReport>(e.Data) ?? throw Invalid(e, "data");
        if (string.IsNullOrEmpty(d.MessageId))
        {
            throw Invalid(e, "data.messageId");
        }

        return DeliveryStatuses.Normalize(d.Status) is { } status
            ? new MappedEvent.DeliveryStatus(e, d.MessageId, status)
            : new MappedEvent.Ignored(e, $"email delivery status '{d.Status}' is not one the connector tracks");
    }

    private static object? SystemData(ReceivedEvent e)
    {
        var data = BinaryData.FromString(e.Canonical);
        try
        {
            if (e.IsCloudEvent)
            {
                return CloudEvent.Parse(data, skipValidation: true) is { } cloudEvent && cloudEvent.TryGetSystemEventData(out var ce) ? ce : null;
            }

            return EventGridEvent.Parse(data).TryGetSystemEventData(out var eg) ? eg : null;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or JsonException or ArgumentException or KeyNotFoundException)
        {
            // The library's readers throw these for a field of the wrong type (composeTime: 5, validationCode: {}).
            throw WebhookRejectedException.InvalidField("data", $"Event {e.Id} ({e.Type}): its data does not fit the event type: {ex.Message}");
        }
    }

    /// <summary>A message's text longer than any channel sends (WhatsApp 4,096 characters, ACS chat 28 KB) is not a customer's.</summary>
    private static string? Bounded(ReceivedEvent e, string? text, string field) =>
        text is { Length: > MaxTextLength }
            ? throw WebhookRejectedException.InvalidField(field, $"Event {e.Id} ({e.Type}): {field} is longer than {MaxTextLength} characters.")
            : text;

    private static string Id(ReceivedEvent e, string value, string field) =>
        value.Length > MaxIdLength
            ? throw WebhookRejectedException.InvalidField(field, $"Event {e.Id} ({e.Type}): {field} is longer than {MaxIdLength} characters.")
            : value;

    private const int MaxTextLength = 32 * 1024;
    private const int MaxIdLength = 512;

    private static WebhookRejectedException Invalid(ReceivedEvent e, string field) =>
        new(400, "Event missing a required field", $"Event {e.Id} ({e.Type}) has no {field}.", field);
}
