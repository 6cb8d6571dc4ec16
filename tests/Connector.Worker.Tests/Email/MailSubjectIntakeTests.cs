using Connector.Core.Compliance;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>The IMAP poll keeps each mail's subject on its timeline entry (real Dovecot, real store).</summary>
public sealed class MailSubjectIntakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_mails_subject_is_kept_on_its_timeline_entry_redacted_like_its_text(string storeKind)
    {
        var folder = await TestImap.CreateFolderAsync(Ct);
        await using var s = await EmailIntakeUnderTest.CreateAsync(storeKind);
        await TestImap.AppendAsync(folder, Ct, Mails.Plain("kim@example.com", "s1@customer.example", DateTimeOffset.UtcNow, "Please refund.",
            subject: "Card 4111 1111 1111 1111 charged twice"));

        await s.JobFor(TestImap.OptionsFor(folder)).PollAsync(Ct);

        var conversation = Assert.Single(await s.ConversationsOfAsync("kim@example.com", Ct));
        var mail = Assert.Single(conversation.Timeline);
        Assert.Equal($"Card {SensitiveDataRedactor.CardMask} charged twice", await s.EmailTimeline.FindSubjectAsync(conversation.Conversation.Id, mail.Id, Ct));
    }
}
