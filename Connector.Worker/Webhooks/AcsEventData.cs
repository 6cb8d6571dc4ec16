using System.Text.Json;

namespace Connector.Worker.Webhooks;

/// <summary>
/// The data of the ACS events the connector acts on, read case-insensitively (ACS samples use both camelCase
/// and PascalCase). Advanced Messaging events are not in Azure.Messaging.EventGrid 4.17.0, so these are ours.
/// </summary>
internal static class AcsEventData
{
    public sealed record AdvancedMessageReceived(
        string? From, string? To, string? Content, string? MessageId, string? ChannelType, DateTimeOffset? ReceivedTimestamp, Media? Media);

    public sealed record Media(string? Id, string? MimeType, string? FileName, string? Caption);

    public sealed record AdvancedMessageDeliveryStatusUpdated(string? MessageId, string? Status, string? To, DateTimeOffset? ReceivedTimestamp);

    public sealed record EmailDeliveryReport(string? MessageId, string? Status, string? Recipient, DateTimeOffset? DeliveryAttemptTimestamp);

    public sealed record ChatMessage(
        string? MessageBody, string? MessageId, Identifier? SenderCommunicationIdentifier, string? SenderDisplayName,
        DateTimeOffset? ComposeTime, string? ThreadId, string? Type);

    public sealed record Identifier(string? RawId);

    /// <summary>Microsoft.EventGrid.SubscriptionValidationEvent.</summary>
    public sealed record SubscriptionValidation(string? ValidationCode, string? ValidationUrl);

    /// <exception cref="WebhookRejectedException">A field of <c>data</c> has the wrong type.</exception>
    public static T? Read<T>(JsonElement data) where T : class => EventDataJson.Read<T>(data);
}
