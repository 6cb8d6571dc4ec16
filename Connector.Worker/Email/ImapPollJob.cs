using System.Security.Cryptography;
using Connector.Core.Intake;
using Connector.Worker.Acs;
using Connector.Worker.Claims;
using Hangfire;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Connector.Worker.Email;

/// <summary>
/// Reads the new mails of the configured IMAP folder into the intake, in UID order. Each mail is kept on disk and
/// taken in before the cursor moves past it, one cursor update per mail: a poll that stops half-way (crash,
/// shutdown) loses nothing, and the mail it may read again is dropped by the intake as a duplicate of its event id.
/// </summary>
internal sealed class ImapPollJob(
    ImapCursorStore cursors,
    MailArchive archive,
    InboundEventIntake intake,
    EmailTimelineStore emailTimeline,
    IdentityClaimStore claims,
    IOptions<ImapOptions> options,
    IOptions<AcsOptions> acsOptions,
    TimeProvider time,
    ILogger<ImapPollJob> logger)
{
    // Bounds one run (the first poll of a large folder); the next poll goes on from the cursor.
    private const int MaxMailsPerPoll = 500;

    /// <summary>
    /// Not retried: the next scheduled poll is the retry, and it starts from the cursor. One poll at a time, across
    /// Workers too, so that two polls never read the same mails side by side.
    /// </summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 5)]
    [JobDisplayName("IMAP poll")]
    public Task RunAsync(CancellationToken ct) => PollAsync(ct);

    public async Task<ImapPollSummary> PollAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (settings is not { Host: { Length: > 0 } host, Username: { } username, Password: { } password })
        {
            throw new InvalidOperationException($"{ImapOptions.Section}:Host, Username and Password are not all set: there is no mailbox to poll.");
        }

        // The cursor belongs to this mailbox: another account or server starts from its own beginning.
        var account = $"{username}@{host}";
        var mailbox = settings.ToString();
        using var client = new ImapClient();
        await client.ConnectAsync(host, settings.EffectivePort, settings.SocketOptions, ct);
        await client.AuthenticateAsync(username, password, ct);
        var folder = await client.GetFolderAsync(settings.Folder, ct);
        // Read-only (EXAMINE): the connector leaves flags such as \Seen to the people who also use the mailbox.
        await folder.OpenAsync(FolderAccess.ReadOnly, ct);

        long uidValidity = folder.UidValidity;
        var cursor = await cursors.GetAsync(account, settings.Folder, ct);
        var lastUid = 0L;
        if (cursor is not null && cursor.UidValidity == uidValidity)
        {
            lastUid = cursor.LastUid;
        }
        else if (cursor is not null)
        {
            logger.UidValidityChanged(mailbox, cursor.UidValidity, uidValidity);
            await cursors.AdvanceAsync(account, settings.Folder, uidValidity, 0, time.GetUtcNow(), ct);
        }

        // "UID n:*" always answers the folder's last mail, even below n: hence the filter.
        var range = new UniqueIdRange(folder.UidValidity, (uint)lastUid + 1, uint.MaxValue);
        var uids = (await folder.SearchAsync(SearchQuery.Uids(range), ct))
            .Where(u => u.Id > lastUid).OrderBy(u => u.Id).Take(MaxMailsPerPoll).ToList();
        logger.PollStarted(mailbox, uids.Count, lastUid, uidValidity);
        var arrivals = uids.Count == 0
            ? new Dictionary<uint, DateTimeOffset?>()
            : (await folder.FetchAsync(uids, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate), ct))
                .ToDictionary(s => s.UniqueId.Id, s => s.InternalDate);

        var counts = new Dictionary<MailOutcome, int>();
        foreach (var uid in uids)
        {
            ct.ThrowIfCancellationRequested();
            var arrivedAt = arrivals.GetValueOrDefault(uid.Id) ?? time.GetUtcNow();
            var outcome = await TakeInAsync(folder, uid, arrivedAt, ct);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            await cursors.AdvanceAsync(account, settings.Folder, uidValidity, uid.Id, time.GetUtcNow(), ct);
        }

        await client.DisconnectAsync(quit: true, ct);
        var summary = new ImapPollSummary(
            counts.GetValueOrDefault(MailOutcome.Taken), counts.GetValueOrDefault(MailOutcome.Duplicate),
            counts.GetValueOrDefault(MailOutcome.Own), counts.GetValueOrDefault(MailOutcome.Skipped));
        logger.PollFinished(mailbox, summary.Taken, summary.Duplicates, summary.Own, summary.Skipped);
        return summary;
    }

    private async Task<MailOutcome> TakeInAsync(IMailFolder folder, UniqueId uid, DateTimeOffset arrivedAt, CancellationToken ct) =>
        await TakeInAsync(await ReadOriginalAsync(folder, uid, ct), uid.Id, arrivedAt, ct);

    /// <summary>
    /// One mail as the server holds it, into the archive and the intake: what every polled mail goes through (the demo's
    /// simulated customers hand their mails in here too, with <paramref name="uid"/> 0, so they take the same path).
    /// </summary>
    internal async Task<MailOutcome> TakeInAsync(byte[] raw, uint uid, DateTimeOffset arrivedAt, CancellationToken ct)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(raw));
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = await MimeMessage.LoadAsync(stream, ct);
        }
        catch (FormatException ex)
        {
            var kept = await archive.KeepOriginalAsync(raw, sha256, arrivedAt, ct);
            logger.MailSkipped(uid, "(unparsed)", $"it is not a MIME message ({ex.Message})", kept);
            return MailOutcome.Skipped;
        }

        var messageId = InboundEmailMapper.MessageIdOf(message, sha256);
        // No Date header: MimeKit answers MinValue; the server's arrival time is the next best.
        var occurredAt = message.Date == DateTimeOffset.MinValue ? arrivedAt : message.Date;
        var from = message.From.Mailboxes.FirstOrDefault()?.Address;
        if (string.IsNullOrWhiteSpace(from))
        {
            var kept = await archive.KeepOriginalAsync(raw, sha256, occurredAt, ct);
            logger.MailSkipped(uid, messageId, "it names no sender (From)", kept);
            return MailOutcome.Skipped;
        }

        if (IsOwnSender(from))
        {
            logger.OwnMailSkipped(uid, messageId);
            return MailOutcome.Own;
        }

        var archived = await archive.KeepAsync(raw, sha256, message, occurredAt, ct);
        var senderVerified = SenderAuthentication.DmarcPassed(message, from, options.Value.TrustedAuthServId);
        IntakeResult result;
        try
        {
            // The archive lives under the data directory; attachments are shown with paths relative to it.
            var dataDirectory = Path.GetDirectoryName(Path.GetFullPath(archive.Root))!;
            var attachments = archived.AttachmentPaths
                .Select(p => new InboundAttachment(Path.GetFileName(p), MimeTypes.GetMimeType(p), new FileInfo(p).Length, Path.GetRelativePath(dataDirectory, p)))
                .ToList();
            result = await intake.AcceptAsync(InboundEmailMapper.ToInboundEvent(message, from, messageId, occurredAt, senderVerified) with { Attachments = attachments }, ct);
        }
        catch (InvalidInboundEventException ex)
        {
            logger.MailSkipped(uid, messageId, ex.Message, archived.EmlPath);
            return MailOutcome.Skipped;
        }

        // Also after a duplicate: a poll that stopped between the intake and this line gets the subject kept now.
        if (!string.IsNullOrWhiteSpace(message.Subject))
        {
            await emailTimeline.KeepInboundSubjectAsync(messageId, message.Subject, ct);
        }

        if (result.Duplicate)
        {
            logger.MailDuplicate(uid, messageId);
            return MailOutcome.Duplicate;
        }

        if (!senderVerified)
        {
            // Shown to the agent as "claimed, not verified", with a Confirm that links it to the address's owner.
            await claims.AddAsync(result.CustomerId, new Core.Customers.CustomerIdentity(Core.Customers.IdentityKind.Email, from.Trim().ToLowerInvariant()),
                ClaimSources.Email, null, time.GetUtcNow(), ct);
        }

        logger.MailTaken(uid, messageId, result.ConversationId);
        return MailOutcome.Taken;
    }

    /// <summary>The mail exactly as the server holds it (BODY.PEEK[], so no flag changes).</summary>
    private static async Task<byte[]> ReadOriginalAsync(IMailFolder folder, UniqueId uid, CancellationToken ct)
    {
        await using var stream = await folder.GetStreamAsync(uid, ct);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private bool IsOwnSender(string from) =>
        acsOptions.Value.Email.SenderAddress is { Length: > 0 } own && string.Equals(own.Trim(), from.Trim(), StringComparison.OrdinalIgnoreCase);
}
