namespace Connector.Worker.Messaging;

/// <summary>What was sent: the channel's message id (WhatsApp message, email operation) and the timeline entry.</summary>
public sealed record SentReply(string Channel, string MessageId, Guid? TimelineEventId, bool Template);
