using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.Worker.Acs;
using Connector.Worker.Chat;
using Connector.Worker.Demo.StandIn;
using Connector.Worker.Email;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Connector.Worker.Demo.Customers;

/// <summary>
/// How a simulated customer reaches the contact centre, each time by the path real traffic takes:
/// WhatsApp as ACS's AdvancedMessageReceived through the Event Grid webhook; web chat as the widget does it
/// (<c>POST /api/chat/sessions</c>, then a message posted to ACS Chat with the visitor's token, which ACS announces
/// through Event Grid); email into <see cref="ImapPollJob.TakeInAsync(byte[], uint, DateTimeOffset, CancellationToken)"/>,
/// the archive-and-intake step every polled mail goes through (only the IMAP fetch before it is skipped: there is
/// no mailbox in the demo); calls as IncomingCall through Event Grid, answered by the Worker through Call Automation.
/// </summary>
internal sealed class CustomerChannels(
    AcsStandIn acs, DemoMode demo, IServiceScopeFactory scopes, IOptions<AcsOptions> acsOptions, ILogger<CustomerChannels> logger) : IDisposable
{
    private readonly HttpClient _worker = new() { BaseAddress = demo.Arguments.PublicUrl, Timeout = TimeSpan.FromSeconds(30) };
    private readonly HttpClient _browser = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task WhatsAppAsync(DemoCustomer customer, string text, CancellationToken ct)
    {
        var digits = customer.Phone.TrimStart('+');
        await acs.EventGrid.DeliverAsync(StandInEventGrid.Event("AdvancedMessageReceived", $"advancedMessage/sender/{digits}/recipient/{acs.WhatsAppChannelId}", new JsonObject
        {
            ["channelType"] = "whatsapp",
            ["messageId"] = Guid.NewGuid().ToString(),
            ["messageType"] = "text",
            ["from"] = digits,
            ["to"] = acs.WhatsAppChannelId,
            ["receivedTimestamp"] = AcsStandIn.Time(DateTimeOffset.UtcNow),
            ["content"] = text,
        }), ct);
    }

    public async Task ChatAsync(DemoCustomer customer, string text, CancellationToken ct)
    {
        if (customer.Chat is null)
        {
            using var started = await _worker.PostAsJsonAsync("/api/chat/sessions", new ChatSessionRequest(customer.Name, customer.Phone, customer.Email), ct);
            if (!started.IsSuccessStatusCode)
            {
                logger.LogWarning("Demo chat customer {Name}: POST /api/chat/sessions answered {Status}", customer.Name, (int)started.StatusCode);
                return;
            }

            var session = (await started.Content.ReadFromJsonAsync<ChatSessionResponse>(ct))!;
            acs.Chat.Visitors[session.UserId] = 0;
            customer.Chat = new ChatVisit(session.ThreadId, session.UserId, session.Token);
        }

        var visit = customer.Chat;
        var uri = new Uri(acs.Endpoint, $"chat/threads/{Uri.EscapeDataString(visit.ThreadId)}/messages?api-version={acsOptions.Value.ApiVersions.Chat}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(new { content = text, senderDisplayName = customer.Name, type = "text" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", visit.Token);
        using var sent = await _browser.SendAsync(request, ct);
        if (!sent.IsSuccessStatusCode)
        {
            logger.LogWarning("Demo chat customer {Name}: ACS send message answered {Status}", customer.Name, (int)sent.StatusCode);
        }
    }

    /// <summary>The authserv-id of the demo's simulated receiving mail server (<c>Email:Imap:TrustedAuthServId</c> in demo mode).</summary>
    public const string DemoAuthServId = "mx.contact.demo.example";

    public async Task EmailAsync(DemoCustomer customer, string subject, string text, string? inReplyTo, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(customer.Name, customer.Email));
        message.To.Add(new MailboxAddress("Customer service", "help@contact.demo.example"));
        message.Subject = subject;
        message.Date = DateTimeOffset.UtcNow;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mail.example.com");
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }

        message.Body = new TextPart("plain") { Text = $"{text}\n\n{customer.Name}" };
        // As a receiving server adds on top: the demo's customers write from their own addresses (DMARC passes).
        message.Headers.Insert(0, new Header(HeaderId.AuthenticationResults,
            $"{DemoAuthServId}; dmarc=pass header.from={customer.Email[(customer.Email.IndexOf('@', StringComparison.Ordinal) + 1)..]}"));
        using var raw = new MemoryStream();
        await message.WriteToAsync(raw, ct);
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ImapPollJob>().TakeInAsync(raw.ToArray(), 0, DateTimeOffset.UtcNow, ct);
        if (outcome != MailOutcome.Taken)
        {
            logger.LogWarning("Demo email from {Name} was not taken in: {Outcome}", customer.Name, outcome);
        }
    }

    /// <summary>Rings the contact centre; the caller waits up to their patience for an agent, talks, then hangs up.</summary>
    public async Task CallAsync(DemoCustomer customer, CancellationToken ct)
    {
        if (await acs.Calls.RingAsync(customer.Phone, DemoMode.ContactCentrePhone, customer.Name, ct) is not { } call)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            var patience = TimeSpan.FromSeconds(Random.Shared.Next(120, 240));
            var answered = await Task.WhenAny(call.AgentJoined.Task, Task.Delay(patience, ct)) == call.AgentJoined.Task;
            if (answered)
            {
                await Task.Delay(TimeSpan.FromSeconds(Random.Shared.Next(45, 150)), ct);
            }

            acs.Calls.HangUp(call);
        }, ct);
    }

    public void Dispose()
    {
        _worker.Dispose();
        _browser.Dispose();
    }
}
