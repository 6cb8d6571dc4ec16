using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Fakes.Crm.Salesforce;
using Connector.Worker.Tests.Crm;
using Connector.Worker.Tests.EmailIntake;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;
using Connector.Worker.Tests.Routing;
using MimeKit;
using Npgsql;

namespace Connector.Worker.Tests.Compliance;

/// <summary>
/// A full run of a real Worker (PostgreSQL, fake ACS, fake Salesforce, the test IMAP server) with request logging on:
/// a customer sends card numbers on WhatsApp through the webhook and by email, an agent accepts, replies and wraps up
/// with the number in the notes, the CRM sync runs. Then the Worker's whole output, the raw events it kept and the
/// mail archive are searched for the card numbers and every credential the run used.
/// </summary>
public sealed partial class FullRunLogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // One card in the ways people type it; the digits alone are searched for too.
    private const string Card = "4111111111111111";
    private static readonly string[] Typed = ["4111 1111 1111 1111 12/29", "ref-4111111111111111", "4111.1111.1111.1111", "4111  1111  1111  1111", "4111-1111-1111-1111"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_run_logs_no_card_number_secret_or_token_and_keeps_no_card_number_in_raw_events_or_the_mail_archive()
    {
        var webhookKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var folder = await TestImap.CreateFolderAsync(Ct);
        var attachment = Encoding.UTF8.GetBytes("statement line: 4111 1111 1111 1111\n");
        await TestImap.AppendAsync(folder, Ct, CardMail(attachment));
        var (host, port) = TestImap.Server;
        await using var setup = await WorkerWithFakeSalesforce.StartAsync(new Dictionary<string, string?>
        {
            ["Acs__WebhookKey"] = webhookKey,
            // Request lines (with their query strings) are logged: the webhook key travels in one.
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
            ["Email__Imap__Host"] = host,
            ["Email__Imap__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Imap__UseTls"] = "false",
            ["Email__Imap__Username"] = TestImap.Username,
            ["Email__Imap__Password"] = TestImap.Password,
            ["Email__Imap__Folder"] = folder,
            ["Email__Imap__PollInterval"] = "00:00:05",
        });
        var worker = setup.Worker;
        await worker.AgentOnlineAsync("ann", "whatsapp");
        var ann = await worker.AgentAsync("ann");

        Assert.Equal(HttpStatusCode.OK, (await WhatsAppAsync(worker, webhookKey, "447700900311", $"My card is {string.Join(", or ", Typed)} thanks")).StatusCode);
        // A delivery refused for its sender: the refusal's detail, which is logged, quotes what was sent.
        Assert.Equal(HttpStatusCode.BadRequest, (await WhatsAppAsync(worker, webhookKey, $"card {Typed[4]}", "hello")).StatusCode);

        var conversation = await ConversationOfAsync(worker, "whatsapp:+447700900311");
        var task = await TaskOfAsync(worker, conversation);
        await Eventually.TrueAsync(async () => (await worker.TaskAsync(task)).GetProperty("state").GetString() == "offered", Timeout, () => worker.Output);
        (await ann.PostAsJsonAsync($"/api/offers/{task}/accept", new { agentId = "ann" }, Ct)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await worker.TaskAsync(task)).GetProperty("state").GetString() == "assigned", Timeout, () => worker.Output);
        (await ann.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { channel = "whatsapp", text = "Thanks, please never send card numbers here." }, Ct)).EnsureSuccessStatusCode();
        await setup.WrapUpAsync(conversation, "ann", "Refund issued", $"Customer sent {Typed[0]} in chat");
        await setup.UntilOutboxDrainedAsync(Timeout);
        // No Email:Imap:TrustedAuthServId: the mail's From is a claim, so its sender is known by that claimed address.
        await Eventually.TrueAsync(async () => (await worker.Http.GetAsync("/api/customers?identity=unverified-email:card@customer.example", Ct)).StatusCode == HttpStatusCode.OK, Timeout, () => worker.Output);

        // The log: the safety net was at work (the refused sender's card, the webhook key in request lines) and left nothing.
        var output = worker.Output;
        Assert.Contains("[card number redacted]", output, StringComparison.Ordinal);
        Assert.Contains("key=[secret redacted]", output, StringComparison.Ordinal);
        AssertNoCard(output, "the Worker's output");
        var agentKey = ann.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        foreach (var (what, secret) in new[]
        {
            ("the webhook key", webhookKey), ("the admin key", worker.AdminKey!), ("an agent's API key", agentKey),
            ("the ACS access key", setup.Acs.AccessKey), ("the Salesforce client secret", new FakeSalesforceOptions().ClientSecret),
        })
        {
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"{what} is in the Worker's output");
        }

        Assert.DoesNotMatch(UnmaskedCredential(), output);

        // What was kept: raw webhook bodies, the CRM's copy, the mail archive's text (its attachment stays as it came).
        await using (var command = setup.Database.CreateCommand("SELECT body FROM raw_events"))
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            var bodies = 0;
            while (await reader.ReadAsync(Ct))
            {
                bodies++;
                AssertNoCard(reader.GetString(0), "raw_events");
            }

            Assert.True(bodies > 0, "no raw event was kept");
        }

        AssertNoCard(string.Join('\n', setup.Salesforce.Records("Task").Select(t => t.ToString())), "the Salesforce Task");
        var archive = Path.Combine(worker.WorkingDirectory, "data", "mail");
        var eml = Assert.Single(Directory.GetFiles(archive, "*.eml", SearchOption.AllDirectories));
        var archived = await MimeMessage.LoadAsync(eml, Ct);
        AssertNoCard($"{archived.Subject}\n{archived.TextBody}\n{archived.HtmlBody}", "the archived mail's text");
        Assert.Contains("[card number redacted]", archived.TextBody, StringComparison.Ordinal);
        Assert.Contains("[card number redacted]", archived.HtmlBody, StringComparison.Ordinal);
        var kept = Assert.Single(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(eml)!, Path.GetFileNameWithoutExtension(eml))));
        Assert.Equal(attachment, await File.ReadAllBytesAsync(kept, Ct));
    }

    private static void AssertNoCard(string text, string where)
    {
        foreach (var typed in Typed)
        {
            Assert.False(text.Contains(typed, StringComparison.Ordinal), $"'{typed}' is in {where}");
        }

        Assert.False(text.Contains(Card, StringComparison.Ordinal), $"the card's digits are in {where}");
        Assert.False(text.Contains("4111 1111", StringComparison.Ordinal), $"the card's digit groups are in {where}");
    }

    // A bearer token, a JSON web token or a named credential that was not masked.
    [GeneratedRegex(@"(?i)(?:\bbearer\s+(?!\[secret)[A-Za-z0-9\-._~+/]{8,}|\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}|(?:password|accesskey|access_token|client_secret|x-api-key)\s*[=:]\s*""?(?!\[secret)[^\s""&;,]+)")]
    private static partial Regex UnmaskedCredential();

    private static MimeMessage CardMail(byte[] attachment)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Card Customer", "card@customer.example"));
        message.To.Add(new MailboxAddress("Support", "support@contact.example"));
        message.Subject = $"Charged twice on {Typed[2]}";
        message.MessageId = Mails.NewMessageId();
        message.Date = DateTimeOffset.UtcNow;
        var body = new BodyBuilder
        {
            TextBody = $"Hello, my card {Typed[0]} was charged twice.",
            HtmlBody = $"<p>Hello, my card <b>{Typed[3]}</b> was charged twice.</p>",
        };
        body.Attachments.Add("statement.bin", attachment, new ContentType("application", "octet-stream"));
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>A customer's WhatsApp message as ACS delivers it: an Event Grid event to the webhook, with its key.</summary>
    private static async Task<HttpResponseMessage> WhatsAppAsync(WorkerProcess worker, string webhookKey, string from, string text)
    {
        return await AcsWebhookDelivery.PostAsync(worker.Http, webhookKey, AcsWebhookDelivery.WhatsAppText(from, text, WorkerWithFakeSalesforce.ChannelRegistration), Ct);
    }

    private static async Task<Guid> ConversationOfAsync(WorkerProcess worker, string identity)
    {
        var customer = await worker.Http.GetFromJsonAsync<JsonElement>($"/api/customers?identity={Uri.EscapeDataString(identity)}", Ct);
        return customer.GetProperty("conversationIds")[0].GetGuid();
    }

    private static async Task<Guid> TaskOfAsync(WorkerProcess worker, Guid conversation)
    {
        var tasks = await worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct);
        return tasks.EnumerateArray().Single(t => t.GetProperty("conversationId").GetGuid() == conversation).GetProperty("id").GetGuid();
    }
}
