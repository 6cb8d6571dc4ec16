using Connector.Worker.Email;
using MimeKit;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>What of a mail reaches the timeline: the customer's new words, not the history their client quotes.</summary>
public sealed class MailTextTests
{
    [Fact]
    public void A_top_posted_reply_keeps_the_text_above_the_attribution_and_the_quote()
    {
        var text = "Still broken.\nAny news?\n\nOn Mon, 23 Nov 2026 at 09:00, Contact Centre <support@contact.example> wrote:\n> Please restart it.\n>\n> Regards";

        Assert.Equal("Still broken.\nAny news?", QuotedHistory.Strip(text));
    }

    [Fact]
    public void An_attribution_that_the_client_wrapped_over_two_lines_goes_too()
    {
        var text = "Thanks!\n\nOn Mon, Nov 23, 2026 at 9:00 AM Contact Centre Support Team <\nsupport@contact.example> wrote:\n\n> Please restart it.";

        Assert.Equal("Thanks!", QuotedHistory.Strip(text));
    }

    [Fact]
    public void Answers_written_between_quoted_lines_are_kept()
    {
        var text = "On Mon, 23 Nov 2026 at 09:00, Support <support@contact.example> wrote:\n> Which model is it?\nThe X200.\n> Is the light red?\nYes, blinking.";

        Assert.Equal("The X200.\nYes, blinking.", QuotedHistory.Strip(text));
    }

    [Fact]
    public void A_sentence_of_the_customer_ending_in_wrote_stays_when_no_quote_follows()
    {
        var text = "On Monday my neighbour wrote:\nthe whole street has no internet.";

        Assert.Equal(text, QuotedHistory.Strip(text));
    }

    [Theory]
    [InlineData("See you.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nSubject: Re: router\n\nPlease restart it.")]
    [InlineData("See you.\n\n________________________________\nFrom: Support <support@contact.example>\nSent: Monday, 23 November 2026 09:00\nTo: Kim\n\nPlease restart it.")]
    [InlineData("See you.\n\nFrom: Support <support@contact.example>\nDate: Monday, 23 November 2026 at 09:00\nTo: Kim\n\nPlease restart it.")]
    public void Outlook_style_history_without_quote_marks_is_cut_at_its_header(string text)
    {
        Assert.Equal("See you.", QuotedHistory.Strip(text));
    }

    [Fact]
    public void An_Apple_Mail_html_reply_loses_its_cite_blockquote_and_attribution()
    {
        var html = """
            <html><body><div>Here is the photo.</div><div><br></div>
            <div><br><blockquote type="cite"><div>On 23 Nov 2026, at 09:00, Support &lt;support@contact.example&gt; wrote:</div></blockquote></div>
            <div>On 23 Nov 2026, at 09:00, Support &lt;support@contact.example&gt; wrote:<br><blockquote type="cite"><div>Send a photo, please.</div></blockquote></div>
            </body></html>
            """;

        Assert.Equal("Here is the photo.", QuotedHistory.Strip(HtmlReplyText.ToText(html)));
    }

    [Fact]
    public void An_Outlook_web_html_reply_ends_where_the_answered_mail_begins()
    {
        var html = """
            <div>Done, it works now &amp; thanks.</div>
            <hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Support<br><b>Sent:</b> Monday</div>
            <div>Please restart it.</div>
            """;

        Assert.Equal("Done, it works now & thanks.", HtmlReplyText.ToText(html));
    }

    [Fact]
    public void A_multipart_mail_is_read_from_its_plain_text_part()
    {
        var message = new MimeMessage();
        message.Body = new BodyBuilder { TextBody = "Plain words.\n\n> quoted", HtmlBody = "<p>Html words.</p>" }.ToMessageBody();

        Assert.Equal("Plain words.", MailText.NewTextOf(message));
    }

    [Fact]
    public void A_format_flowed_body_is_unfolded_before_quotes_are_taken_out()
    {
        var part = new TextPart("plain") { Text = "This line was folded \nby the client.\n\n> old text \n> folded too\n" };
        part.ContentType.Format = "flowed";
        var message = new MimeMessage { Body = part };

        Assert.Equal("This line was folded by the client.", MailText.NewTextOf(message));
    }

    [Fact]
    public void A_mail_with_nothing_but_quotes_has_no_text()
    {
        var message = new MimeMessage { Body = new TextPart("plain") { Text = "> just forwarding this\n" } };

        Assert.Null(MailText.NewTextOf(message));
    }
}
