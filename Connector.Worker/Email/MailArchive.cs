using System.Globalization;
using System.Text;
using Connector.Core.Compliance;
using MimeKit;

namespace Connector.Worker.Email;

/// <summary>
/// Keeps each mail under <c>{root}/{yyyy}/{MM}/{sha256}.eml</c> (the hash of the mail as it came), its subject and
/// its text/plain and text/html parts redacted, and its attachments as they came in the folder <c>{sha256}/</c> beside
/// it. Names follow from the content, so reading a mail again writes nothing new, and every file is written under a
/// temporary name first, so a crash never leaves half a file under the real one.
/// </summary>
internal sealed class MailArchive(string root, SensitiveDataRedactor redactor)
{
    private const int MaxFileNameLength = 100;

    public string Root => root;

    /// <summary>
    /// Keeps the mail alone, for one that cannot be parsed or is skipped, so that an admin can look at it: redacted as
    /// text read byte for byte (Latin-1), so every byte but a masked value's stays as it came.
    /// </summary>
    public async Task<string> KeepOriginalAsync(ReadOnlyMemory<byte> raw, string sha256, DateTimeOffset at, CancellationToken ct)
    {
        var text = Encoding.Latin1.GetString(raw.Span);
        var redacted = redactor.Redact(text)!;
        return await KeepEmlAsync(redacted == text ? raw : Encoding.Latin1.GetBytes(redacted), sha256, at, ct);
    }

    public async Task<ArchivedMail> KeepAsync(ReadOnlyMemory<byte> raw, string sha256, MimeMessage message, DateTimeOffset at, CancellationToken ct)
    {
        var emlPath = await KeepEmlAsync(await RedactedAsync(raw, ct), sha256, at, ct);
        var folder = Path.Combine(MonthFolder(at), sha256);
        var paths = new List<string>();
        var index = 0;
        foreach (var entity in AttachmentsOf(message))
        {
            index++;
            var path = Path.Combine(folder, FileNameFor(entity, index));
            Func<Stream, CancellationToken, Task> write = entity switch
            {
                MessagePart { Message: { } attached } => (stream, token) => attached.WriteToAsync(stream, token),
                MimePart { Content: { } content } => (stream, token) => content.DecodeToAsync(stream, token),
                _ => (_, _) => Task.CompletedTask,
            };
            await WriteOnceAsync(path, write, ct);
            paths.Add(path);
        }

        return new ArchivedMail(emlPath, paths);
    }

    private async Task<string> KeepEmlAsync(ReadOnlyMemory<byte> eml, string sha256, DateTimeOffset at, CancellationToken ct)
    {
        var path = Path.Combine(MonthFolder(at), sha256 + ".eml");
        await WriteOnceAsync(path, (stream, token) => stream.WriteAsync(eml, token).AsTask(), ct);
        return path;
    }

    /// <summary>
    /// The mail with its subject and text parts (what the customer wrote, plain and HTML) redacted, read from the bytes
    /// again so the message the caller goes on with is untouched; as it came when nothing in it is sensitive.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> RedactedAsync(ReadOnlyMemory<byte> raw, CancellationToken ct)
    {
        using var input = new MemoryStream(raw.ToArray(), writable: false);
        var copy = await MimeMessage.LoadAsync(input, ct);
        var changed = false;
        if (redactor.Redact(copy.Subject) is { } subject && subject != copy.Subject)
        {
            copy.Subject = subject;
            changed = true;
        }

        foreach (var part in copy.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment))
        {
            var text = part.Text;
            var redacted = redactor.Redact(text);
            if (redacted is not null && redacted != text)
            {
                part.SetText(Encoding.UTF8, redacted);
                changed = true;
            }
        }

        if (!changed)
        {
            return raw;
        }

        using var output = new MemoryStream();
        await copy.WriteToAsync(output, ct);
        return output.ToArray();
    }

    /// <summary>
    /// Attachments, inline images and attached mails: every part except the text the customer wrote (which goes to
    /// the timeline). Pasted screenshots are inline parts, and they matter as much as attached files.
    /// </summary>
    private static IEnumerable<MimeEntity> AttachmentsOf(MimeMessage message) =>
        message.BodyParts.Where(e => e is MessagePart || (e is MimePart part && (part.IsAttachment || part is not TextPart)));

    private string MonthFolder(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return Path.Combine(root, utc.ToString("yyyy", CultureInfo.InvariantCulture), utc.ToString("MM", CultureInfo.InvariantCulture));
    }

    /// <summary>The sender's file name made safe for any file system, numbered so that two parts never share a name.</summary>
    private static string FileNameFor(MimeEntity entity, int index)
    {
        var given = entity switch
        {
            MessagePart => "message.eml",
            MimePart { FileName: { Length: > 0 } name } => name,
            _ when MimeTypes.TryGetExtension(entity.ContentType.MimeType, out var extension) => "part" + extension,
            _ => "part.bin",
        };
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(Path.GetFileName(given.Replace('\\', '/')).Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim(' ', '.');
        if (safe.Length == 0)
        {
            safe = "part.bin";
        }

        if (safe.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(safe);
            safe = safe[..(MaxFileNameLength - extension.Length)] + extension;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{index:D2}-{safe}");
    }

    private static async Task WriteOnceAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await write(stream, ct);
            await stream.FlushAsync(ct);
        }

        File.Move(partial, path, overwrite: true);
    }
}
