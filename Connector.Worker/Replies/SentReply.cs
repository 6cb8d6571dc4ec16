namespace Connector.Worker.Replies;

/// <summary>
/// What was sent: the channel's message id (WhatsApp message, email operation), the timeline entry, and an email's
/// subject. While the reply is still being sent (202) the message id is null and the delivery status "pending".
/// </summary>
public sealed record SentReply(string Channel, string? MessageId, Guid? TimelineEventId, bool Template, string? Subject = null, string DeliveryStatus = "sent");
