using System.Security.Cryptography;
using System.Text;
using Connector.Core.Compliance;
using Connector.Worker.Email;
using MimeKit;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>The mail archive keeps the customer's text redacted (subject, plain and HTML parts) and attachments as they came.</summary>
public sealed class MailArchiveRedactionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly MailArchive _archive = new(Directory.CreateTempSubdirectory("connector-mail-archive-").FullName, new SensitiveDataRedactor());

    [Fact]
    public async Task The_archived_mail_has_its_subject_and_text_parts_redacted_and_its_attachment_as_it_came()
    {
        var attachment = Encoding.UTF8.GetBytes("4111 1111 1111 1111");
        var body = new BodyBuilder { TextBody = "My card: 4111-1111-1111-1111.", HtmlBody = "<p>My card: <b>4111.1111.1111.1111</b></p>" };
        body.Attachments.Add("card.bin", attachment, new ContentType("application", "octet-stream"));
        var message = Mails.Plain("card@customer.example", Mails.NewMessageId(), DateTimeOffset.UtcNow, "", "Card 4111111111111111");
        message.Body = body.ToMessageBody();
        var raw = Bytes(message);

        var archived = await _archive.KeepAsync(raw, Hash(raw), message, DateTimeOffset.UtcNow, Ct);

        var kept = await MimeMessage.LoadAsync(archived.EmlPath, Ct);
        Assert.Equal("Card [card number redacted]", kept.Subject);
        Assert.Equal("My card: [card number redacted].", kept.TextBody?.TrimEnd());
        Assert.Equal("<p>My card: <b>[card number redacted]</b></p>", kept.HtmlBody?.TrimEnd());
        Assert.Equal(attachment, await File.ReadAllBytesAsync(Assert.Single(archived.AttachmentPaths), Ct));
        // The message the caller goes on with (intake, which redacts on its own) is untouched.
        Assert.Equal("Card 4111111111111111", message.Subject);
    }

    [Fact]
    public async Task A_mail_with_nothing_sensitive_is_kept_byte_for_byte()
    {
        var message = Mails.Plain("plain@customer.example", Mails.NewMessageId(), DateTimeOffset.UtcNow, "My router blinks red.");
        var raw = Bytes(message);

        var archived = await _archive.KeepAsync(raw, Hash(raw), message, DateTimeOffset.UtcNow, Ct);

        Assert.Equal(raw, await File.ReadAllBytesAsync(archived.EmlPath, Ct));
    }

    [Fact]
    public async Task A_mail_kept_without_parsing_is_redacted_as_text_and_otherwise_unchanged()
    {
        var raw = Encoding.Latin1.GetBytes("Subject: caf\u00e9\r\n\r\nmy card 4111 1111 1111 1111 thanks\r\n");

        var path = await _archive.KeepOriginalAsync(raw, Hash(raw), DateTimeOffset.UtcNow, Ct);

        Assert.Equal(Encoding.Latin1.GetBytes("Subject: caf\u00e9\r\n\r\nmy card [card number redacted] thanks\r\n"), await File.ReadAllBytesAsync(path, Ct));
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private static string Hash(byte[] raw) => Convert.ToHexStringLower(SHA256.HashData(raw));
}
