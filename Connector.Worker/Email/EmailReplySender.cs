using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Worker.Acs;
using Hangfire;

namespace Connector.Worker.Email;

/// <summary>
/// An agent's email reply through ACS Email: "Re: {subject}" with In-Reply-To and References so mail clients thread
/// it. ACS only queues a send (202), so once the reply is on the timeline it is "sending" and a job follows the
/// operation until ACS accepts or fails it.
/// </summary>
internal sealed class EmailReplySender(AcsConnection acs, AcsEmailClient email, EmailTimelineStore emailTimeline, IBackgroundJobClient jobs) : IChannelReplySender
{
    public Channel Channel => Channel.Email;

    public string? Unavailable => acs.IsConfigured ? null : AcsConnection.NotConfigured;

    public async Task<ChannelReceipt> SendAsync(ChannelReply reply, CancellationToken ct)
    {
        var view = reply.Conversation;
        var subject = await SubjectAsync(view, reply, ct);
        // An unverified sender (no DMARC pass) is answered at the address they wrote from: it reaches its real owner.
        var to = reply.Customer.Identities.FirstOrDefault(i => i.Kind == IdentityKind.Email)
            ?? reply.Customer.Identities.FirstOrDefault(i => i.Kind == IdentityKind.UnverifiedEmail)
            ?? throw new ReplyRefusedException(ReplyRefusal.Conflict, "No email address", "This customer has no email address to answer.");
        if (string.IsNullOrWhiteSpace(reply.Text))
        {
            throw new ReplyRefusedException(ReplyRefusal.Invalid, "text is required", "An email reply needs text.");
        }

        // The thread: every Message-ID of the conversation's mails, the customer's last one answered directly.
        var mails = view.Timeline.Where(e => e.Channel == Channel.Email && e.ExternalRef is { Length: > 0 } r && r.StartsWith('<')).ToList();
        var answered = mails.LastOrDefault(e => e.Direction == Direction.In);
        var operation = await email.SendAsync(new AcsEmailMessage
        {
            Subject = subject,
            To = [new AcsEmailAddress(to.Value, null)],
            PlainText = reply.Text,
            InReplyTo = answered?.ExternalRef,
            References = mails.Count > 0 ? string.Join(' ', mails.Select(m => m.ExternalRef)) : null,
        }, Guid.NewGuid(), ct);
        return new ChannelReceipt(to, operation.Id, reply.Text, Subject: subject);
    }

    public async Task RecordedAsync(ChannelReceipt receipt, Guid timelineEventId, CancellationToken ct)
    {
        // ACS only queued the mail (202): the reply is "sending" until a job sees the operation end.
        await emailTimeline.MarkSendingAsync(timelineEventId, receipt.Subject!, ct);
        EmailSendStatusJob.Start(jobs, receipt.MessageId);
    }

    /// <summary>The agent's own subject as given; else "Re: " and the subject of the mail answered (or the conversation's last).</summary>
    private async Task<string> SubjectAsync(ConversationView view, ChannelReply reply, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(reply.Subject))
        {
            return reply.Subject.Trim();
        }

        var answered = view.Timeline.LastOrDefault(e => e.Channel == Channel.Email && e.Direction == Direction.In);
        return MailSubject.ReplyTo(await emailTimeline.FindSubjectAsync(view.Conversation.Id, answered?.Id, ct)) ?? "Re: your message";
    }
}
