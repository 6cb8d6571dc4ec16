using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>
/// Email replies through a Worker process and the fake ACS: "Re: {subject}" of the customer's mail, then the send
/// operation followed by a job (not in the agent's request) until ACS accepts or fails it, then delivery reports.
/// </summary>
public sealed class EmailReplyStatusTests
{
    private const string Key = "email-hook-key";
    private const string Sender = "DoNotReply@contact.example";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reply_answers_Re_subject_is_sending_until_ACS_accepts_it_then_sent_then_delivered()
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        var (host, port) = TestImap.Server;
        await using var acs = await FakeAcsServer.StartAsync(new FakeAcsServerOptions { EmailRunningPolls = 3, EmailRetryAfterSeconds = 1 }, Ct);
        await using var worker = await StartWorkerAsync(acs, new Dictionary<string, string?>
        {
            ["Email__Imap__Host"] = host,
            ["Email__Imap__Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Email__Imap__UseTls"] = "false",
            ["Email__Imap__Username"] = TestImap.Username,
            ["Email__Imap__Password"] = TestImap.Password,
            ["Email__Imap__Folder"] = folder,
            ["Email__Imap__PollInterval"] = "00:00:05",
        });
        await TestImap.AppendAsync(folder, Ct, Mails.Plain("lee@example.com", "lee-1@customer.example", DateTimeOffset.UtcNow, "Still no signal.", subject: "RE: Re: Broken router"));
        JsonElement customer = default;
        await Eventually.TrueAsync(async () =>
        {
            // No Email:Imap:TrustedAuthServId here: the From is claimed, so Lee is known as its unverified sender (and answered there).
            using var found = await worker.Http.GetAsync("/api/customers?identity=unverified-email:lee@example.com", Ct);
            customer = found.IsSuccessStatusCode ? await found.Content.ReadFromJsonAsync<JsonElement>(Ct) : default;
            return found.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(30), () => worker.Output);
        var conversation = customer.GetProperty("conversationIds")[0].GetGuid();

        var replied = await (await worker.TakeConversationAsync("ann", conversation, "email")).PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { channel = "email", text = "We are on it.", agentId = "ann" }, Ct);

        replied.EnsureSuccessStatusCode();
        var sent = await replied.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Re: Broken router", sent.GetProperty("subject").GetString());
        var operation = Assert.Single(acs.EmailOperations);
        Assert.Equal("Re: Broken router", operation.Message["content"]!["subject"]!.GetValue<string>());
        Assert.Equal("<lee-1@customer.example>", operation.Message["headers"]!["In-Reply-To"]!.GetValue<string>());
        Assert.Equal(operation.Id, sent.GetProperty("messageId").GetString());
        Assert.Equal("sending", await ReplyStatusAsync(worker, conversation)); // ACS answers Running for three polls, a second apart
        var subjects = (await worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct)).GetProperty("timeline").EnumerateArray()
            .Select(t => (t.GetProperty("direction").GetString(), t.GetProperty("subject").GetString()));
        Assert.Equal([("in", "RE: Re: Broken router"), ("out", "Re: Broken router")], subjects);

        await Eventually.TrueAsync(async () => await ReplyStatusAsync(worker, conversation) == "sent", TimeSpan.FromSeconds(30), () => worker.Output);
        var polls = acs.RequestsTo($"/emails/operations/{operation.Id}");
        Assert.Equal(4, polls.Count); // Running, Running, Running, Succeeded: no poll more, none less
        Assert.All(polls.Zip(polls.Skip(1)), pair => Assert.True(pair.Second.ReceivedAt - pair.First.ReceivedAt >= TimeSpan.FromMilliseconds(900),
            $"polled again after {(pair.Second.ReceivedAt - pair.First.ReceivedAt).TotalMilliseconds} ms although ACS said retry-after: 1"));

        using var report = await DeliveryReportAsync(worker, operation.Id, "Delivered");
        report.EnsureSuccessStatusCode();
        Assert.Equal("delivered", await ReplyStatusAsync(worker, conversation));
    }

    [Fact]
    public async Task A_reply_whose_send_operation_fails_is_marked_failed()
    {
        await using var acs = await FakeAcsServer.StartAsync(new FakeAcsServerOptions { EmailRunningPolls = 1, EmailRetryAfterSeconds = 1, EmailOutcome = "Failed" }, Ct);
        await using var worker = await StartWorkerAsync(acs, new Dictionary<string, string?>());
        var conversation = await CustomerWritesAsync(worker, "sam@example.com");

        var replied = await (await worker.TakeConversationAsync("ann", conversation, "email")).PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { channel = "email", text = "Hello Sam", agentId = "ann", subject = "Your parcel" }, Ct);

        replied.EnsureSuccessStatusCode();
        Assert.Equal("Your parcel", Assert.Single(acs.EmailOperations).Message["content"]!["subject"]!.GetValue<string>());
        await Eventually.TrueAsync(async () => await ReplyStatusAsync(worker, conversation) == "failed", TimeSpan.FromSeconds(30), () => worker.Output);
        // The reason is logged as the row is marked; the log line may reach the test's pipe a moment after.
        await Eventually.TrueAsync(() => Task.FromResult(worker.Output.Contains("EmailDroppedAllRecipientsSuppressed", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), () => worker.Output);
    }

    [Fact]
    public async Task A_reply_still_sending_when_the_worker_dies_is_followed_again_after_the_restart()
    {
        // ACS takes a few seconds; the Worker is killed at once, before any poll could see the end.
        await using var acs = await FakeAcsServer.StartAsync(new FakeAcsServerOptions { EmailRunningPolls = 3, EmailRetryAfterSeconds = 1 }, Ct);
        var workingDirectory = Directory.CreateTempSubdirectory("connector-email-restart-").FullName;
        Guid conversation;
        await using (var first = await StartWorkerAsync(acs, new Dictionary<string, string?>(), workingDirectory))
        {
            conversation = await CustomerWritesAsync(first, "kit@example.com");
            (await (await first.TakeConversationAsync("ann", conversation, "email")).PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { channel = "email", text = "On it", agentId = "ann" }, Ct)).EnsureSuccessStatusCode();
            await first.KillHardAsync();
        }

        await using var second = await StartWorkerAsync(acs, new Dictionary<string, string?>(), workingDirectory);

        Assert.True(Assert.Single(acs.EmailOperations).Polls < 4, "the first Worker must not have seen the operation end");
        await Eventually.TrueAsync(async () => await ReplyStatusAsync(second, conversation) == "sent", TimeSpan.FromSeconds(30), () => second.Output);
    }

    private static async Task<Guid> CustomerWritesAsync(WorkerProcess worker, string address)
    {
        var arrived = await worker.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel = "email",
            type = "message",
            text = "Hello",
            identities = new[] { new { kind = "email", value = address } },
            externalRef = $"<{Guid.NewGuid():N}@customer.example>",
        }, Ct);
        arrived.EnsureSuccessStatusCode();
        return (await arrived.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("conversationId").GetGuid();
    }

    private static async Task<WorkerProcess> StartWorkerAsync(FakeAcsServer acs, Dictionary<string, string?> settings, string? workingDirectory = null)
    {
        settings["Acs__ConnectionString"] = acs.ConnectionString;
        settings["Acs__WebhookKey"] = Key;
        settings["Acs__Email__SenderAddress"] = Sender;
        var worker = WorkerProcess.Start(settings, workingDirectory);
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        return worker;
    }

    private static async Task<string?> ReplyStatusAsync(WorkerProcess worker, Guid conversation)
    {
        var view = await worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct);
        return view.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("direction").GetString() == "out").GetProperty("deliveryStatus").GetString();
    }

    private static Task<HttpResponseMessage> DeliveryReportAsync(WorkerProcess worker, string operationId, string status)
    {
        var e = JsonNode.Parse(AcsEvents.EmailDeliveryReportReceived)!;
        e["id"] = Guid.NewGuid().ToString();
        e["data"]!["messageId"] = operationId;
        e["data"]!["status"] = status;
        return FakeAcsServer.PostEventGridEventsAsync(new Uri(worker.BaseAddress, $"/webhooks/acs/events?key={Key}"), "[" + e.ToJsonString() + "]", Ct);
    }
}
