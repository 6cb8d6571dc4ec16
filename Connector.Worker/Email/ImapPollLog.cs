namespace Connector.Worker.Email;

/// <summary>The IMAP poll's log lines. They name mails by UID and Message-ID only: never a body, never the password.</summary>
internal static partial class ImapPollLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "IMAP poll of {Mailbox}: {Count} new mails above UID {LastUid} (UIDVALIDITY {UidValidity})")]
    public static partial void PollStarted(this ILogger logger, string mailbox, int count, long lastUid, long uidValidity);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "IMAP folder {Mailbox} changed its UIDVALIDITY from {OldUidValidity} to {UidValidity}: reading it from the start; mails already taken in are dropped as duplicates")]
    public static partial void UidValidityChanged(this ILogger logger, string mailbox, long oldUidValidity, long uidValidity);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Mail UID {Uid} {MessageId} taken into conversation {ConversationId}")]
    public static partial void MailTaken(this ILogger logger, long uid, string messageId, Guid? conversationId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Mail UID {Uid} {MessageId} was taken in before; dropped as a duplicate")]
    public static partial void MailDuplicate(this ILogger logger, long uid, string messageId);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "Mail UID {Uid} {MessageId} is from the connector's own sender address; not taken in")]
    public static partial void OwnMailSkipped(this ILogger logger, long uid, string messageId);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Mail UID {Uid} {MessageId} skipped: {Reason}; the original is kept at {Path}")]
    public static partial void MailSkipped(this ILogger logger, long uid, string messageId, string reason, string path);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "IMAP poll of {Mailbox} done: {Taken} taken in, {Duplicates} duplicates, {Own} own, {Skipped} skipped")]
    public static partial void PollFinished(this ILogger logger, string mailbox, int taken, int duplicates, int own, int skipped);
}
