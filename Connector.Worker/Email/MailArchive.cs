using System.Globalization;
using MimeKit;

namespace Connector.Worker.Email;

/// <summary>
/// Keeps each mail as it came, under <c>{root}/{yyyy}/{MM}/{sha256}.eml</c>, and its attachments in the folder
/// <c>{sha256}/</c> beside it. Names follow from the content, so reading a mail again writes nothing new, and every
/// file is written under a temporary name first, so a crash never leaves half a file under the real one.
/// </summary>
internal sealed class MailArchive(string root)
{
    private const int MaxFileNameLength = 100;

    public string Root => root;

    /// <summary>Keeps the original only: for a mail that cannot be parsed, so that an admin can look at it.</summary>
    public async Task<string> KeepOriginalAsync(ReadOnlyMemory<byte> raw, string sha256, DateTimeOffset at, CancellationToken ct)
    {
        var path = Path.Combine(MonthFolder(at), sha256 + ".eml");
        await WriteOnceAsync(path, (stream, token) => stream.WriteAsync(raw, token).AsTask(), ct);
        return path;
    }

    public async Task<ArchivedMail> KeepAsync(ReadOnlyMemory<byte> raw, string sha256, MimeMessage message, DateTimeOffset at, CancellationToken ct)
    {
        var emlPath = await KeepOriginalAsync(raw, sha256, at, ct);
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
