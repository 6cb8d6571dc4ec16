using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Worker.Acs;
using Microsoft.Extensions.Options;

namespace Connector.Worker.WhatsApp;

/// <summary>
/// An agent's WhatsApp reply through ACS Advanced Messaging. WhatsApp's rule is enforced here, before ACS would
/// refuse: free text only within 24 hours of the customer's last message, otherwise an approved template. Every send
/// of one reply carries the reply's Repeatability-Request-ID and First-Sent, so ACS sends it once however often it is sent.
/// </summary>
internal sealed class WhatsAppReplySender(AcsConnection acs, AcsMessagesClient whatsApp, IOptions<AcsOptions> acsOptions, TimeProvider time) : IChannelReplySender
{
    public static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);

    public Channel Channel => Channel.WhatsApp;

    public string? Unavailable => acs.IsConfigured ? null : AcsConnection.NotConfigured;

    public Task<PreparedReply> PrepareAsync(ChannelReply reply, CancellationToken ct)
    {
        var to = reply.Customer.Identities.FirstOrDefault(i => i.Kind == IdentityKind.WhatsApp)
            ?? throw new ReplyRefusedException(ReplyRefusal.Conflict, "No WhatsApp number", "This customer has never written on WhatsApp, so there is no number to answer.");
        var lastCustomerMessage = reply.Conversation.Timeline
            .Where(e => e.Channel == Channel.WhatsApp && e.Direction == Direction.In && e.Type == TimelineEventType.Message)
            .Select(e => (DateTimeOffset?)e.At).Max();
        var insideWindow = lastCustomerMessage is { } last && time.GetUtcNow() - last <= CustomerServiceWindow;
        var templates = Templates();
        if (reply.TemplateName is { Length: > 0 } name)
        {
            var chosen = templates.FirstOrDefault(t => t.Name == name)
                ?? throw new ReplyRefusedException(ReplyRefusal.Invalid, "Unknown template", $"'{name}' is not a configured WhatsApp template.", new { templates = templates.Select(t => new { t.Name, t.Language, t.Description }) });
            var template = new AcsWhatsAppTemplate(chosen.Name, chosen.Language, reply.TemplateParameters ?? []);
            return Task.FromResult(new PreparedReply(
                to, $"[template {chosen.Name}] {string.Join(" | ", reply.TemplateParameters ?? [])}".TrimEnd(),
                JsonSerializer.Serialize(new WhatsAppDelivery(to.Value, null, template), JsonSerializerOptions.Web), Template: true));
        }

        if (!insideWindow)
        {
            var since = lastCustomerMessage is { } at ? $"the customer last wrote at {at:u}" : "the customer has not written on WhatsApp in this conversation";
            throw new ReplyRefusedException(ReplyRefusal.Conflict, "Outside WhatsApp's 24-hour window",
                $"WhatsApp allows free-form messages only within 24 hours of the customer's last message; {since}. Send an approved template (templateName) instead.",
                new { rule = "whatsapp-24-hour-customer-service-window", templates = templates.Select(t => new { t.Name, t.Language, t.Description }) });
        }

        if (string.IsNullOrWhiteSpace(reply.Text))
        {
            throw new ReplyRefusedException(ReplyRefusal.Invalid, "text is required", "A WhatsApp reply needs text (or a templateName).");
        }

        return Task.FromResult(new PreparedReply(to, reply.Text, JsonSerializer.Serialize(new WhatsAppDelivery(to.Value, reply.Text, null), JsonSerializerOptions.Web)));
    }

    public async Task<string> SendAsync(PreparedReply reply, ReplyAttempt attempt, CancellationToken ct)
    {
        var delivery = JsonSerializer.Deserialize<WhatsAppDelivery>(reply.Delivery, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("A WhatsApp reply was kept without its delivery.");
        var repeat = new AcsRepeatableRequest(attempt.RequestId, attempt.FirstSentAt);
        var receipt = delivery.Template is { } template
            ? await whatsApp.SendTemplateAsync(delivery.To, template, repeat, ct)
            : await whatsApp.SendTextAsync(delivery.To, delivery.Text!, repeat, ct);
        return receipt.MessageId;
    }

    public Task RecordedAsync(ChannelReceipt receipt, Guid timelineEventId, CancellationToken ct) => Task.CompletedTask;

    private List<WhatsAppTemplateOptions> Templates() => acsOptions.Value.WhatsApp.Templates.Where(t => t.Name.Length > 0).ToList();

    /// <summary>What a WhatsApp reply sends: text or a template, to the customer's number.</summary>
    private sealed record WhatsAppDelivery(string To, string? Text, AcsWhatsAppTemplate? Template);
}
