namespace Connector.Worker.Acs.Wire;

/// <summary>Body of <c>POST /emails:send</c> (EmailMessage).</summary>
internal sealed record EmailSendRequest(
    string SenderAddress,
    EmailContentWire Content,
    EmailRecipientsWire Recipients,
    IReadOnlyList<EmailAddressWire>? ReplyTo,
    IReadOnlyDictionary<string, string>? Headers,
    IReadOnlyList<EmailAttachmentWire>? Attachments,
    bool? UserEngagementTrackingDisabled);
