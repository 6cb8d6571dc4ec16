using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Worker.Acs;
using Hangfire;

namespace Connector.Worker.Email;

/// <summary>
/// An agent's email reply through ACS Email: "Re: {subject}" with In-Reply-To and References so mail clients thread
/// it. Every send of one reply carries the reply's request id as ACS's <c>Operation-Id</c>, so a resend names the same
/// operation. ACS only queues a send (202), so once the reply is sent it is "sending" and a job follows the
/// operation until ACS accepts or fails it.
/// </summary>
internal sealed class EmailReplySender(AcsConnection acs, AcsEmailClient email, EmailTimelineStore emailTimeline, IBackgroundJobClient jobs) : IChannelReplySender
{
    public Channel Channel => Channel.Email;

    public string? Unavailable => acs.IsConfigured ? null : AcsConnection.NotConfigured;

    public async Task<PreparedReply> PrepareAsync(ChannelReply reply, CancellationToken ct)
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
        var delivery = new EmailDelivery(to.Value, subject, reply.Text, answered?.ExternalRef, mails.Count > 0 ? string.Join(' ', mails.Select(m => m.ExternalRef)) : null);
        return new PreparedReply(to, reply.Text, JsonSerializer.Serialize(delivery, JsonSerializerOptions.Web), Subject: subject);
    }

    public async Task<string> SendAsync(PreparedReply reply, ReplyAttempt attempt, CancellationToken ct)
    {
        var delivery = JsonSerializer.Deserialize<EmailDelivery>(reply.Delivery, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("An email reply was kept without its delivery.");
        var operation = await email.SendAsync(new AcsEmailMessage
        {
            Subject = delivery.Subject,
            To = [new AcsEmailAddress(delivery.To, null)],
            PlainText = delivery.Text,
            InReplyTo = delivery.InReplyTo,
            References = delivery.References,
        }, attempt.RequestId, ct);
        return operation.Id;
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

    /// <summary>What an email reply sends: the mail and its thread headers.</summary>
    private sealed record EmailDelivery(string To, string Subject, string Text, string? InReplyTo, string? References);
}
