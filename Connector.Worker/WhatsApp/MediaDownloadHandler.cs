using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Connector.Core.Conversations;
using Connector.Core.Intake;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Acs;
using Connector.Worker.Outbox;
using Connector.Worker.Storage;
using Microsoft.Extensions.Options;

namespace Connector.Worker.WhatsApp;

/// <summary>
/// Fetches a customer's WhatsApp media from ACS (<c>/messages/streams/{id}</c>), keeps it under the data directory
/// as <c>media/{yyyy}/{MM}/{sha256}</c>, and attaches it to its timeline entry. A replay finds the file and the
/// attachment already there and adds nothing. The download stops at <c>Acs:WhatsApp:MaxMediaBytes</c>; the partial
/// file is removed on any failure, cancellation included, and the row fails with the reason (on <c>/api/outbox</c>).
/// </summary>
internal sealed class MediaDownloadHandler(
    IConnectorStore store,
    AcsMessagesClient messages,
    IOptions<AcsOptions> options,
    DataDirectory data,
    TimeProvider time,
    ILogger<MediaDownloadHandler> logger) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var media = JsonSerializer.Deserialize<InboundMedia>(message.Payload ?? "null")
            ?? throw new InvalidOperationException($"Outbox row {message.Id} carries no media.");
        var now = time.GetUtcNow();
        var folder = Path.Combine("media", now.ToString("yyyy", CultureInfo.InvariantCulture), now.ToString("MM", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(data.Path, folder));
        var temporary = Path.Combine(data.Path, folder, $".{Guid.NewGuid():N}.part");
        long size;
        string relative;
        try
        {
            string hash;
            await using (var file = File.Create(temporary))
            {
                await messages.DownloadMediaAsync(media.Id, file, options.Value.WhatsApp.MaxMediaBytes, ct);
                size = file.Length;
                file.Position = 0;
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
            }

            if (size == 0)
            {
                throw new InvalidDataException($"ACS returned an empty file for media {media.Id}.");
            }

            relative = Path.Combine(folder, hash);
            File.Move(temporary, Path.Combine(data.Path, relative), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        await store.AddAttachmentAsync(new TimelineAttachment(
            Guid.CreateVersion7(), message.SubjectId!.Value, media.FileName ?? media.Id, media.ContentType ?? "application/octet-stream", size, relative, now), ct);
        logger.LogInformation("Media {MediaId} ({Size} bytes) attached to timeline entry {TimelineEventId}", media.Id, size, message.SubjectId);
    }
}
