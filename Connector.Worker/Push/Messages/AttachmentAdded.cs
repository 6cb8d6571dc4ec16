using Connector.Worker.Api;

namespace Connector.Worker.Push.Messages;

/// <summary>
/// A file arrived on a timeline entry after the entry itself (WhatsApp media, fetched by a job): the same shape as the
/// entry's <c>attachments</c> in the conversation response, so the panel shows it without reading the conversation again.
/// </summary>
public sealed record AttachmentAdded(Guid ConversationId, Guid EventId, AttachmentResponse Attachment);
