using System.Security.Cryptography;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Worker.Email;
using MimeKit;
using static Connector.Worker.Tests.Infrastructure.Events;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>
/// The IMAP poll against a real Dovecot (mails placed with IMAP APPEND) and a real, migrated store, run in-process.
/// Every test reads a folder of its own.
/// </summary>
public sealed class ImapPollJobTests
{
    private const string Kim = "Kim Lee <kim@example.com>";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_new_mail_becomes_an_inbound_email_message_with_only_the_new_text(string storeKind)
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        await using var s = await EmailIntakeUnderTest.CreateAsync(storeKind);
        // It answers a mail from some other system: the quote goes, and since nothing here holds that id, a new conversation opens.
        await TestImap.AppendAsync(folder, Ct, Mails.Reply(Kim, "k1@customer.example", Monday9am,
            "My router blinks red since this morning.\nCan you help?", inReplyTo: "old@isp.example", quoted: "Your contract number is 42.\nKind regards"));

        var summary = await s.JobFor(TestImap.OptionsFor(folder)).PollAsync(Ct);

        Assert.Equal(new ImapPollSummary(Taken: 1, Duplicates: 0, Own: 0, Skipped: 0), summary);
        var conversation = Assert.Single(await s.ConversationsOfAsync("kim@example.com", Ct));
        var message = Assert.Single(conversation.Timeline);
        Assert.Equal("My router blinks red since this morning.\nCan you help?", message.Text);
        Assert.Equal((TimelineEventType.Message, Channel.Email, Direction.In), (message.Type, message.Channel, message.Direction));
        Assert.Equal(Monday9am, message.At);
        Assert.Equal("<k1@customer.example>", message.ExternalRef);
        Assert.Equal("email:<k1@customer.example>", message.SourceEventId);
    }

    [Fact]
    public async Task An_html_only_mail_is_read_as_text_without_its_blockquoted_history()
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        await using var s = await EmailIntakeUnderTest.SqliteAsync();
        await TestImap.AppendAsync(folder, Ct, Mails.HtmlOnlyReply(Kim, "k-html@customer.example", Monday9am, """
            <html><head><style>p { color: red; }</style></head><body>
            <div dir="ltr">The light is <b>still</b>&nbsp;red.<br>I restarted it twice.</div><br>
            <div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 23 Nov 2026 at 09:00, Contact Centre &lt;support@contact.example&gt; wrote:<br></div>
            <blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex"><div>Please restart the router.</div></blockquote></div>
            </body></html>
            """));

        await s.JobFor(TestImap.OptionsFor(folder)).PollAsync(Ct);

        var message = Assert.Single(Assert.Single(await s.ConversationsOfAsync("kim@example.com", Ct)).Timeline);
        Assert.Equal("The light is still red.\nI restarted it twice.", message.Text);
    }

    [Fact]
    public async Task A_reply_to_an_earlier_mail_continues_that_conversation_even_while_another_one_is_open()
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        await using var s = await EmailIntakeUnderTest.SqliteAsync();
        await TestImap.AppendAsync(folder, Ct,
            Mails.Plain(Kim, "a1@customer.example", Monday9am, "My router is broken."),
            // Five days later, past the continuity window: a new topic opens a second conversation.
            Mails.Plain(Kim, "b1@customer.example", Monday9am.AddDays(5), "Another thing: my invoice is wrong.", "Invoice"),
            Mails.Reply(Kim, "a2@customer.example", Monday9am.AddDays(5).AddHours(1), "It is broken again.",
                inReplyTo: "a1@customer.example", quoted: "My router is broken."));

        var summary = await s.JobFor(TestImap.OptionsFor(folder)).PollAsync(Ct);

        Assert.Equal(3, summary.Taken);
        var conversations = await s.ConversationsOfAsync("kim@example.com", Ct);
        Assert.Equal(2, conversations.Count);
        var router = conversations.Single(c => c.Timeline.Any(t => t.ExternalRef == "<a1@customer.example>"));
        Assert.Equal(["My router is broken.", "It is broken again."], router.Timeline.Select(t => t.Text));
        var invoice = conversations.Single(c => c != router);
        Assert.Equal(["<b1@customer.example>"], invoice.Timeline.Select(t => t.ExternalRef));
        Assert.All(conversations, c => Assert.Equal(ConversationState.Open, c.Conversation.State));
    }

    [Fact]
    public async Task The_original_mail_and_its_attachments_are_kept_as_files_under_the_data_directory()
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        await using var s = await EmailIntakeUnderTest.SqliteAsync();
        byte[] photo = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. RandomNumberGenerator.GetBytes(2048)];
        var invoice = "%PDF-1.4 invoice 2026-117"u8.ToArray();
        await TestImap.AppendAsync(folder, Ct, Mails.WithAttachments(Kim, "k-files@customer.example", Monday9am, "Photos attached.",
            ("router front.png", "image/png", photo), ("../invoice.pdf", "application/pdf", invoice)));

        await s.JobFor(TestImap.OptionsFor(folder)).PollAsync(Ct);

        var eml = Assert.Single(Directory.GetFiles(s.MailDirectory, "*.eml", SearchOption.AllDirectories));
        var bytes = await File.ReadAllBytesAsync(eml, Ct);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(Path.Combine(s.MailDirectory, "2026", "11", sha256 + ".eml"), eml);
        Assert.Equal("k-files@customer.example", (await MimeMessage.LoadAsync(eml, Ct)).MessageId);
        var attachments = Path.Combine(s.MailDirectory, "2026", "11", sha256);
        Assert.Equal(["01-router front.png", "02-invoice.pdf"], Directory.GetFiles(attachments).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(photo, await File.ReadAllBytesAsync(Path.Combine(attachments, "01-router front.png"), Ct));
        Assert.Equal(invoice, await File.ReadAllBytesAsync(Path.Combine(attachments, "02-invoice.pdf"), Ct));
        var view = Assert.Single(await s.ConversationsOfAsync("kim@example.com", Ct));
        var message = Assert.Single(view.Timeline);
        Assert.Equal("Photos attached.", message.Text);
        Assert.Equal(
            [("01-router front.png", "image/png", (long)photo.Length), ("02-invoice.pdf", "application/pdf", (long)invoice.Length)],
            view.Attachments.Where(a => a.TimelineEventId == message.Id).Select(a => (a.FileName, a.ContentType, a.SizeBytes)).OrderBy(a => a.FileName, StringComparer.Ordinal));
        Assert.All(view.Attachments, a => Assert.False(Path.IsPathRooted(a.Path), a.Path));
    }

    [Fact]
    public async Task Polling_again_reads_only_mails_that_arrived_since()
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        await using var s = await EmailIntakeUnderTest.SqliteAsync();
        var options = TestImap.OptionsFor(folder);
        await TestImap.AppendAsync(folder, Ct,
            Mails.Plain(Kim, "t1@customer.example", Monday9am, "One."),
            Mails.Plain(Kim, "t2@customer.example", Monday9am.AddMinutes(1), "Two."));

        var first = await s.JobFor(options).PollAsync(Ct);
        var second = await s.JobFor(options).PollAsync(Ct);
        await TestImap.AppendAsync(folder, Ct, Mails.Plain(Kim, "t3@customer.example", Monday9am.AddMinutes(2), "Three."));
        var third = await s.JobFor(options).PollAsync(Ct);

        Assert.Equal(2, first.Taken);
        Assert.Equal(0, second.Read);
        Assert.Equal(new ImapPollSummary(Taken: 1, Duplicates: 0, Own: 0, Skipped: 0), third);
        var conversation = Assert.Single(await s.ConversationsOfAsync("kim@example.com", Ct));
        Assert.Equal(["One.", "Two.", "Three."], conversation.Timeline.Select(t => t.Text));
    }

    [Fact]
    public async Task A_poll_cancelled_after_its_first_mail_loses_no_mail_and_reads_none_twice_when_run_again()
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        await using var s = await EmailIntakeUnderTest.SqliteAsync();
        var options = TestImap.OptionsFor(folder);
        string[] customers = ["ann@example.com", "ben@example.com", "cal@example.com"];
        await TestImap.AppendAsync(folder, Ct, customers.Select((c, i) => Mails.Plain(c, $"c{i}@customer.example", Monday9am.AddMinutes(i), $"Mail {i}.")).ToArray());

        // The worst moment to stop: the first mail is in the store, its cursor step is not.
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var stoppingJob = s.JobFor(options, new HookedLogger<ImapPollJob>(nameof(ImapPollLog.MailTaken), shutdown.Cancel));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stoppingJob.PollAsync(shutdown.Token));

        Assert.Single(Assert.Single(await s.ConversationsOfAsync("ann@example.com", Ct)).Timeline);
        Assert.Empty(await s.ConversationsOfAsync("ben@example.com", Ct));
        Assert.Null(await s.Cursors.GetAsync($"{TestImap.Username}@{options.Host}", folder, Ct));

        var rerun = await s.JobFor(options).PollAsync(Ct);

        Assert.Equal(new ImapPollSummary(Taken: 2, Duplicates: 1, Own: 0, Skipped: 0), rerun);
        foreach (var (customer, i) in customers.Select((c, i) => (c, i)))
        {
            var message = Assert.Single(Assert.Single(await s.ConversationsOfAsync(customer, Ct)).Timeline);
            Assert.Equal($"Mail {i}.", message.Text);
        }
    }

    [Fact]
    public async Task A_new_UIDVALIDITY_makes_the_poll_read_the_folder_again_without_duplicating_a_mail()
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        await using var s = await EmailIntakeUnderTest.SqliteAsync();
        var options = TestImap.OptionsFor(folder);
        var first = Mails.Plain(Kim, "u1@customer.example", Monday9am, "First.");
        // Without a Message-ID the mail is known by its content, which survives the renumbering too.
        var withoutId = Mails.Plain(Kim, "unused@customer.example", Monday9am.AddMinutes(1), "Second, from a client that sets no Message-ID.");
        withoutId.Headers.Remove(HeaderId.MessageId);
        await TestImap.AppendAsync(folder, Ct, first, withoutId);
        var before = await s.JobFor(options).PollAsync(Ct);
        var oldValidity = await TestImap.UidValidityAsync(folder, Ct);

        // The server renumbers the folder (a restore, a migration): same mails, new UIDVALIDITY, UIDs from 1.
        await TestImap.RecreateFolderAsync(folder, Ct);
        await TestImap.AppendAsync(folder, Ct, first, withoutId, Mails.Plain(Kim, "u3@customer.example", Monday9am.AddMinutes(2), "Third."));
        Assert.NotEqual(oldValidity, await TestImap.UidValidityAsync(folder, Ct));
        var after = await s.JobFor(options).PollAsync(Ct);

        Assert.Equal(2, before.Taken);
        Assert.Equal(new ImapPollSummary(Taken: 1, Duplicates: 2, Own: 0, Skipped: 0), after);
        var conversation = Assert.Single(await s.ConversationsOfAsync("kim@example.com", Ct));
        Assert.Equal(["First.", "Second, from a client that sets no Message-ID.", "Third."], conversation.Timeline.Select(t => t.Text));
    }

    [Fact]
    public async Task A_mail_without_a_sender_is_skipped_and_the_next_mail_is_read()
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        await using var s = await EmailIntakeUnderTest.SqliteAsync();
        var options = TestImap.OptionsFor(folder);
        await TestImap.AppendAsync(folder, Ct,
            Mails.WithoutSender("nofrom@customer.example", Monday9am, "Who am I?"),
            Mails.Plain(Kim, "after@customer.example", Monday9am.AddMinutes(1), "Hello."));

        var first = await s.JobFor(options).PollAsync(Ct);
        var second = await s.JobFor(options).PollAsync(Ct);

        Assert.Equal(new ImapPollSummary(Taken: 1, Duplicates: 0, Own: 0, Skipped: 1), first);
        Assert.Equal(0, second.Read);
        Assert.Equal("Hello.", Assert.Single(Assert.Single(await s.ConversationsOfAsync("kim@example.com", Ct)).Timeline).Text);
        // The skipped mail is kept for someone to look at.
        Assert.Equal(2, Directory.GetFiles(s.MailDirectory, "*.eml", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task A_mail_without_a_Date_header_is_dated_by_its_arrival_on_the_server()
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        await using var s = await EmailIntakeUnderTest.SqliteAsync();
        var undated = Mails.Plain(Kim, "undated@customer.example", Monday9am, "No date on this one.");
        undated.Headers.Remove(HeaderId.Date);
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        await TestImap.AppendAsync(folder, Ct, undated);

        await s.JobFor(TestImap.OptionsFor(folder)).PollAsync(Ct);

        var message = Assert.Single(Assert.Single(await s.ConversationsOfAsync("kim@example.com", Ct)).Timeline);
        Assert.InRange(message.At, before, DateTimeOffset.UtcNow.AddSeconds(2));
    }

    [Fact]
    public async Task Mails_from_the_connectors_own_sender_address_are_not_taken_in()
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        await using var s = await EmailIntakeUnderTest.SqliteAsync();
        await TestImap.AppendAsync(folder, Ct,
            Mails.Plain($"Contact Centre <{EmailIntakeUnderTest.OwnSenderAddress.ToUpperInvariant()}>", "own@contact.example", Monday9am, "We are on it."),
            Mails.Plain(Kim, "k-own@customer.example", Monday9am.AddMinutes(1), "Thanks."));

        var summary = await s.JobFor(TestImap.OptionsFor(folder)).PollAsync(Ct);

        Assert.Equal(new ImapPollSummary(Taken: 1, Duplicates: 0, Own: 1, Skipped: 0), summary);
        Assert.Null(await s.Store.FindCustomerAsync(new CustomerIdentity(IdentityKind.Email, "donotreply@contact.example"), Ct));
    }
}
