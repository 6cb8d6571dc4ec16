using MimeKit;
using MimeKit.Text;

namespace Connector.Worker.Email;

/// <summary>What the customer wrote in a mail, without the history it quotes: the text/plain body, else the HTML one as text.</summary>
internal static class MailText
{
    public static string? NewTextOf(MimeMessage message)
    {
        var bodies = message.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment).ToList();
        string? text = null;
        if (bodies.FirstOrDefault(p => p.IsPlain) is { } plain)
        {
            text = plain.Text;
            if (plain.IsFlowed)
            {
                // format=flowed folds long lines with a trailing space; unfold them before looking for quotes.
                var deleteSpace = plain.ContentType.Parameters.TryGetValue("delsp", out string? delsp) && delsp.Equals("yes", StringComparison.OrdinalIgnoreCase);
                text = new FlowedToText { DeleteSpace = deleteSpace }.Convert(text);
            }
        }
        else if (bodies.FirstOrDefault(p => p.IsHtml) is { } html)
        {
            text = HtmlReplyText.ToText(html.Text);
        }

        return text is null ? null : QuotedHistory.Strip(text) is { Length: > 0 } stripped ? stripped : null;
    }
}
