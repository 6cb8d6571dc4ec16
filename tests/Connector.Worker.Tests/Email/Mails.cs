using MimeKit;
using MimeKit.Utils;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>Mails as customers' clients write them.</summary>
public static class Mails
{
    public static MimeMessage Plain(string from, string messageId, DateTimeOffset date, string text, string subject = "My router")
    {
        var message = Headers(from, messageId, date, subject);
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    /// <summary>A reply as Gmail writes it in plain text: the new text on top, then the attribution and the quote.</summary>
    public static MimeMessage Reply(string from, string messageId, DateTimeOffset date, string text, string inReplyTo, string quoted, params string[] references)
    {
        var quote = string.Join("\n", quoted.Split('\n').Select(l => "> " + l));
        var message = Plain(from, messageId, date, $"{text}\n\nOn Mon, 23 Nov 2026 at 09:00, Contact Centre <support@contact.example> wrote:\n{quote}\n", "Re: My router");
        message.InReplyTo = inReplyTo;
        foreach (var reference in references.DefaultIfEmpty(inReplyTo))
        {
            message.References.Add(reference);
        }

        return message;
    }

    /// <summary>An HTML-only reply as Gmail writes it: the answered mail sits in a blockquote below the attribution.</summary>
    public static MimeMessage HtmlOnlyReply(string from, string messageId, DateTimeOffset date, string html)
    {
        var message = Headers(from, messageId, date, "Re: My router");
        message.Body = new TextPart("html") { Text = html };
        return message;
    }

    public static MimeMessage WithAttachments(string from, string messageId, DateTimeOffset date, string text, params (string Name, string MimeType, byte[] Content)[] files)
    {
        var message = Headers(from, messageId, date, "Photos of the router");
        var body = new BodyBuilder { TextBody = text };
        foreach (var (name, mimeType, content) in files)
        {
            body.Attachments.Add(name, content, ContentType.Parse(mimeType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    public static MimeMessage WithoutSender(string messageId, DateTimeOffset date, string text)
    {
        var message = Plain("nobody@example.com", messageId, date, text);
        message.From.Clear();
        return message;
    }

    private static MimeMessage Headers(string from, string messageId, DateTimeOffset date, string subject)
    {
        var message = new MimeMessage { MessageId = messageId, Date = date, Subject = subject };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("support@contact.example"));
        return message;
    }

    public static string NewMessageId() => MimeUtils.GenerateMessageId("customer.example");
}
