using Connector.Worker.Email;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>Replies answer "Re: {subject}" once, whatever prefixes the customer's client stacked up.</summary>
public sealed class MailSubjectTests
{
    [Theory]
    [InlineData("Broken router", "Re: Broken router")]
    [InlineData("Re: Broken router", "Re: Broken router")]
    [InlineData("RE: Re: re[2]:  Broken router ", "Re: Broken router")]
    [InlineData("AW: SV: Broken router", "Re: Broken router")]
    [InlineData("Regarding my router", "Re: Regarding my router")]
    [InlineData("Fwd: Broken router", "Re: Fwd: Broken router")]
    public void A_reply_subject_has_one_Re_prefix(string subject, string expected) =>
        Assert.Equal(expected, MailSubject.ReplyTo(subject));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Re:")]
    public void A_mail_without_a_subject_gives_no_reply_subject(string? subject) =>
        Assert.Null(MailSubject.ReplyTo(subject));
}
