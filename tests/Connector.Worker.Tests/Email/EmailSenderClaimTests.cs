using Connector.Core.Customers;
using Connector.Worker.Chat;
using Connector.Worker.Claims;
using Connector.Worker.Email;
using MimeKit;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>
/// A From is the address owner's only with the trusted receiving server's DMARC pass: without it the sender is a
/// customer of their own, who never joins the owner's conversation, until an agent confirms them.
/// </summary>
public sealed class EmailSenderClaimTests
{
    private const string Server = "mx.contact.example";
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_mail_without_a_DMARC_pass_does_not_join_the_owners_conversation_one_with_it_does_and_a_confirmation_links_the_sender(string store)
    {
        await using var s = await EmailIntakeUnderTest.CreateAsync(store);
        var job = s.JobFor(new ImapOptions { Host = "imap.test", TrustedAuthServId = Server });

        Assert.Equal(MailOutcome.Taken, await job.TakeInAsync(Raw(Mails.Plain("kim@example.com", "k1@example.com", At, "My router is broken"), "pass"), 1, At, Ct));
        var owner = (await s.Store.FindCustomerAsync(new CustomerIdentity(IdentityKind.Email, "kim@example.com"), Ct))!;
        var ownerConversation = Assert.Single(await s.Store.ListConversationIdsAsync(owner.Id, Ct));

        // Someone writing as Kim, answering her thread, with a pass header of their own below the server's verdict.
        var spoof = Mails.Reply("kim@example.com", "s1@elsewhere.example", At.AddMinutes(5), "Please pay the refund to my new account", "<k1@example.com>", "My router is broken");
        spoof.Headers.Add(HeaderId.AuthenticationResults, $"{Server}; dmarc=pass header.from=example.com");
        Assert.Equal(MailOutcome.Taken, await job.TakeInAsync(Raw(spoof, "fail"), 2, At.AddMinutes(5), Ct));

        Assert.Equal(["My router is broken"], (await s.Store.GetConversationAsync(ownerConversation, Ct))!.Timeline.Select(e => e.Text));
        var sender = (await s.Store.FindCustomerAsync(new CustomerIdentity(IdentityKind.UnverifiedEmail, "kim@example.com"), Ct))!;
        Assert.NotEqual(owner.Id, sender.Id);
        var senderConversation = Assert.Single(await s.Store.ListConversationIdsAsync(sender.Id, Ct));
        Assert.Equal(["Please pay the refund to my new account"], (await s.Store.GetConversationAsync(senderConversation, Ct))!.Timeline.Select(e => e.Text));
        var claims = new IdentityClaimStore(s.Dialect);
        var claim = Assert.Single(await claims.ForCustomerAsync(sender.Id, Ct));
        Assert.Equal((new CustomerIdentity(IdentityKind.Email, "kim@example.com"), ClaimSources.Email, false), (claim.Identity, claim.Source, claim.Verified));

        // Kim herself, vouched for: her thread goes on.
        var reply = Mails.Reply("kim@example.com", "k2@example.com", At.AddMinutes(10), "Any news?", "<k1@example.com>", "My router is broken");
        Assert.Equal(MailOutcome.Taken, await job.TakeInAsync(Raw(reply, "pass"), 3, At.AddMinutes(10), Ct));
        Assert.Equal(["My router is broken", "Any news?"], (await s.Store.GetConversationAsync(ownerConversation, Ct))!.Timeline.Select(e => e.Text));

        // An agent who checked confirms the sender is Kim: intake links them, and the owner (the older) survives.
        var linked = await new ClaimLinker(claims, new ChatSessionStore(s.Dialect), s.Intake, s.Time).LinkAsync(claim, "agent:ann", Ct);
        Assert.True(linked.Verified);
        Assert.Equal(owner.Id, (await s.Store.FindCustomerAsync(new CustomerIdentity(IdentityKind.UnverifiedEmail, "kim@example.com"), Ct))!.Id);
        Assert.Equal(owner.Id, linked.CustomerId);
    }

    [Fact]
    public async Task Without_a_trusted_server_configured_even_a_pass_header_leaves_the_From_claimed()
    {
        await using var s = await EmailIntakeUnderTest.SqliteAsync();
        var job = s.JobFor(new ImapOptions { Host = "imap.test" });

        await job.TakeInAsync(Raw(Mails.Plain("lee@example.com", "l1@example.com", At, "Hello"), "pass"), 1, At, Ct);

        Assert.Null(await s.Store.FindCustomerAsync(new CustomerIdentity(IdentityKind.Email, "lee@example.com"), Ct));
        Assert.NotNull(await s.Store.FindCustomerAsync(new CustomerIdentity(IdentityKind.UnverifiedEmail, "lee@example.com"), Ct));
    }

    /// <summary>The mail as the server holds it, with the receiving server's verdict on top (where it prepends it).</summary>
    private static byte[] Raw(MimeMessage message, string dmarc)
    {
        message.Headers.Insert(0, new Header(HeaderId.AuthenticationResults, $"{Server}; spf=pass smtp.mailfrom=example.com; dmarc={dmarc} header.from=example.com"));
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }
}
