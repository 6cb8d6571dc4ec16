using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Storage;
using Connector.Worker.Acs;
using Connector.Worker.Chat;
using Connector.Worker.Email;
using Connector.Worker.WhatsApp;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Replies;

/// <summary>
/// Sends an agent's reply on the conversation's channel through ACS and appends it to the timeline. WhatsApp's rule
/// is enforced here, before ACS would refuse: free text only within 24 hours of the customer's last message,
/// otherwise an approved template. Email replies answer "Re: {subject}" with In-Reply-To and References so mail
/// clients thread them; ACS only queues them, so a job follows each send until ACS accepts or fails it.
/// </summary>
internal sealed class AgentReplySender(
    IConnectorStore store,
    InboundEventIntake intake,
    AcsConnection acs,
    AcsMessagesClient whatsApp,
    AcsEmailClient email,
    AcsChatClient chat,
    ChatServiceIdentity chatIdentity,
    ChatSessionStore chatSessions,
    EmailTimelineStore emailTimeline,
    IBackgroundJobClient jobs,
    IRoutingStore routing,
    IOptions<AcsOptions> acsOptions,
    TimeProvider time)
{
    public static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);

    public async Task<SentReply> SendAsync(Guid conversationId, AgentReply reply, CancellationToken ct)
    {
        if (!ChannelNames.TryParse(reply.Channel, out var channel))
        {
            throw new ReplyRefusedException(400, "Unknown channel", $"channel must be one of {string.Join(", ", ChannelNames.All)}; got '{reply.Channel}'.");
        }

        if (string.IsNullOrWhiteSpace(reply.AgentId))
        {
            throw new ReplyRefusedException(400, "agentId is required", "Name the agent who sends the message.");
        }

        var view = await store.GetConversationAsync(conversationId, ct)
            ?? throw new ReplyRefusedException(404, "Unknown conversation", $"No conversation has the id {conversationId}.");
        var customer = await store.GetCustomerAsync(view.Conversation.CustomerId, ct)
            ?? throw new ReplyRefusedException(404, "Unknown customer", "The conversation's customer no longer exists.");
        if (channel == Channel.Voice)
        {
            throw new ReplyRefusedException(400, "Voice has no messages", "A call is answered with call controls, not messages.");
        }

        if (!acs.IsConfigured)
        {
            throw new ReplyRefusedException(503, "ACS not configured", "Acs:ConnectionString is not configured, so no message can be sent.");
        }

        var subject = channel == Channel.Email ? await EmailSubjectAsync(view, reply, ct) : null;
        var (identity, messageId, text, template) = channel switch
        {
            Channel.WhatsApp => await SendWhatsAppAsync(view, customer, reply, ct),
            Channel.Email => await SendEmailAsync(view, customer, reply, subject!, ct),
            _ => await SendChatAsync(customer, reply, ct),
        };
        var result = await intake.AcceptAsync(new InboundEvent(
            $"reply:{channel.ToName()}:{messageId}", channel, TimelineEventType.Message, Direction.Out, time.GetUtcNow(),
            [new InboundIdentity(identity.Kind, identity.Value)], text, messageId, ConversationId: conversationId), ct);
        if (channel == Channel.Email && result.TimelineEventId is { } entry)
        {
            // ACS only queued the mail (202): the reply is "sending" until a job sees the operation end.
            await emailTimeline.MarkSendingAsync(entry, subject!, ct);
            EmailSendStatusJob.Start(jobs, messageId);
        }

        await routing.RecordFirstResponseAsync(conversationId, reply.AgentId, time.GetUtcNow(), ct);
        return new SentReply(channel.ToName(), messageId, result.TimelineEventId, template, subject);
    }

    private async Task<(CustomerIdentity, string, string, bool)> SendWhatsAppAsync(ConversationView view, Customer customer, AgentReply reply, CancellationToken ct)
    {
        var to = customer.Identities.FirstOrDefault(i => i.Kind == IdentityKind.WhatsApp)
            ?? throw new ReplyRefusedException(409, "No WhatsApp number", "This customer has never written on WhatsApp, so there is no number to answer.");
        var lastCustomerMessage = view.Timeline
            .Where(e => e.Channel == Channel.WhatsApp && e.Direction == Direction.In && e.Type == TimelineEventType.Message)
            .Select(e => (DateTimeOffset?)e.At).Max();
        var insideWindow = lastCustomerMessage is { } last && time.GetUtcNow() - last <= CustomerServiceWindow;
        var templates = Templates();
        if (reply.TemplateName is { Length: > 0 } name)
        {
            var chosen = templates.FirstOrDefault(t => t.Name == name)
                ?? throw new ReplyRefusedException(400, "Unknown template", $"'{name}' is not a configured WhatsApp template.", new { templates = templates.Select(t => new { t.Name, t.Language, t.Description }) });
            var receipt = await whatsApp.SendTemplateAsync(to.Value, new AcsWhatsAppTemplate(chosen.Name, chosen.Language, reply.TemplateParameters ?? []), ct);
            return (to, receipt.MessageId, $"[template {chosen.Name}] {string.Join(" | ", reply.TemplateParameters ?? [])}".TrimEnd(), true);
        }

        if (!insideWindow)
        {
            var since = lastCustomerMessage is { } at ? $"the customer last wrote at {at:u}" : "the customer has not written on WhatsApp in this conversation";
            throw new ReplyRefusedException(409, "Outside WhatsApp's 24-hour window",
                $"WhatsApp allows free-form messages only within 24 hours of the customer's last message; {since}. Send an approved template (templateName) instead.",
                new { rule = "whatsapp-24-hour-customer-service-window", templates = templates.Select(t => new { t.Name, t.Language, t.Description }) });
        }

        if (string.IsNullOrWhiteSpace(reply.Text))
        {
            throw new ReplyRefusedException(400, "text is required", "A WhatsApp reply needs text (or a templateName).");
        }

        var sent = await whatsApp.SendTextAsync(to.Value, reply.Text, ct);
        return (to, sent.MessageId, reply.Text, false);
    }

    private async Task<(CustomerIdentity, string, string, bool)> SendEmailAsync(
        ConversationView view, Customer customer, AgentReply reply, string subject, CancellationToken ct)
    {
        var to = customer.Identities.FirstOrDefault(i => i.Kind == IdentityKind.Email)
            ?? throw new ReplyRefusedException(409, "No email address", "This customer has no email address to answer.");
        if (string.IsNullOrWhiteSpace(reply.Text))
        {
            throw new ReplyRefusedException(400, "text is required", "An email reply needs text.");
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
        return (to, operation.Id, reply.Text, false);
    }

    /// <summary>The agent's own subject as given; else "Re: " and the subject of the mail answered (or the conversation's last).</summary>
    private async Task<string> EmailSubjectAsync(ConversationView view, AgentReply reply, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(reply.Subject))
        {
            return reply.Subject.Trim();
        }

        var answered = view.Timeline.LastOrDefault(e => e.Channel == Channel.Email && e.Direction == Direction.In);
        return MailSubject.ReplyTo(await emailTimeline.FindSubjectAsync(view.Conversation.Id, answered?.Id, ct)) ?? "Re: your message";
    }

    private async Task<(CustomerIdentity, string, string, bool)> SendChatAsync(Customer customer, AgentReply reply, CancellationToken ct)
    {
        var visitors = customer.Identities.Where(i => i.Kind == IdentityKind.Chat).ToList();
        var thread = await chatSessions.FindThreadAsync(visitors.Select(v => v.Value).ToList(), ct)
            ?? throw new ReplyRefusedException(409, "No web chat", "This customer has no web-chat session to answer in.");
        if (string.IsNullOrWhiteSpace(reply.Text))
        {
            throw new ReplyRefusedException(400, "text is required", "A chat reply needs text.");
        }

        var connector = await chatIdentity.GetAsync(ct);
        var messageId = await chat.SendMessageAsync(connector.Token, thread, reply.Text, reply.AgentId, ct);
        return (visitors[0], messageId, reply.Text, false);
    }

    private List<WhatsAppTemplateOptions> Templates() => acsOptions.Value.WhatsApp.Templates.Where(t => t.Name.Length > 0).ToList();
}
