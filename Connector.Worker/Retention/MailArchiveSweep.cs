using Connector.Core.Compliance;
using Connector.Worker.Email;
using Connector.Worker.Storage;
using Dapper;
using MimeKit;

namespace Connector.Worker.Retention;

/// <summary>
/// The mail archive on disk (<c>{data}/mail/{yyyy}/{MM}/{sha256}.eml</c> with its attachments in <c>{sha256}/</c>): a
/// mail is as old as its file, and belongs to the conversation whose email entry carries its Message-ID. A mail that
/// no entry carries (skipped, or its message already purged) falls under the <c>default</c> rule. Bounded per run.
/// </summary>
internal sealed class MailArchiveSweep(SqlDialect dialect, DataDirectory data, RetentionJob job)
{
    public const int MaxFilesPerRun = 2000;

    public async Task RunAsync(DateTimeOffset cutoff, Func<string?, DateTimeOffset?> cutoffFor, (HashSet<Guid> Customers, HashSet<Guid> Conversations) held, CancellationToken ct)
    {
        var root = data.Combine("mail");
        if (!Directory.Exists(root))
        {
            return;
        }

        // Month folders sort by name in time order, so the oldest mails are looked at first.
        var files = Directory.EnumerateFiles(root, "*.eml", SearchOption.AllDirectories)
            .Select(f => new FileInfo(f))
            .Where(f => f.LastWriteTimeUtc < cutoff.UtcDateTime)
            .OrderBy(f => f.FullName, StringComparer.Ordinal)
            .Take(MaxFilesPerRun)
            .ToList();
        var candidates = new List<RetentionCandidate>();
        await using (var connection = await dialect.OpenAsync(ct))
        {
            foreach (var file in files)
            {
                var candidate = new RetentionCandidate { Key = Path.GetRelativePath(data.Path, file.FullName), At = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) };
                if (await MessageIdOfAsync(file, ct) is { } messageId)
                {
                    var owner = await connection.QueryFirstOrDefaultAsync<Owner>(new CommandDefinition(
                        "SELECT e.conversation_id, c.customer_id FROM timeline_events e JOIN conversations c ON c.id = e.conversation_id WHERE e.external_ref = @messageId AND e.channel = 'email'",
                        new { messageId }, cancellationToken: ct));
                    (candidate.ConversationId, candidate.CustomerId) = (owner?.ConversationId, owner?.CustomerId);
                }

                candidates.Add(candidate);
            }

            var regions = await CustomerRegions.OfAsync(dialect, connection, [.. candidates.Where(c => c.CustomerId is not null).Select(c => c.CustomerId!.Value)], ct);
            var due = candidates
                .Select(c => (Row: c, Region: c.CustomerId is { } customer ? regions[customer] : null))
                .Where(c => !job.IsHeld(c.Row, held) && cutoffFor(c.Region) is { } own && c.Row.At < own)
                .GroupBy(c => (c.Row.ConversationId, c.Row.CustomerId, c.Region));
            foreach (var group in due)
            {
                await PurgeAsync(new RetentionJob.Purge(RetentionKind.Mail, group.Key.ConversationId, group.Key.CustomerId, group.Key.Region,
                    [.. group.Select(g => g.Row)], cutoffFor(group.Key.Region)!.Value), ct);
            }
        }
    }

    private async Task PurgeAsync(RetentionJob.Purge purge, CancellationToken ct)
    {
        var removed = 0;
        var prefixes = new List<string>();
        foreach (var row in purge.Rows)
        {
            // The attachments' folder first, then the mail: a crash in between leaves the mail, found again next run.
            var folder = Path.ChangeExtension(row.Key, null);
            prefixes.Add(folder + Path.DirectorySeparatorChar + "%");
            if (data.Resolve(folder) is { } full && Directory.Exists(full))
            {
                removed += Directory.GetFiles(full, "*", SearchOption.AllDirectories).Length;
                Directory.Delete(full, recursive: true);
            }

            removed += job.DeleteFiles([row.Key]);
        }

        await job.CommitAsync(purge, async (connection, tx) =>
        {
            var deleted = 0;
            foreach (var prefix in prefixes)
            {
                deleted += await connection.ExecuteAsync(new CommandDefinition("DELETE FROM timeline_attachments WHERE path LIKE @prefix", new { prefix }, tx, cancellationToken: ct));
            }

            return deleted;
        }, new { files = removed }, ct);
    }

    private static async Task<string?> MessageIdOfAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            await using var stream = file.OpenRead();
            var message = await MimeMessage.LoadAsync(stream, ct);
            return InboundEmailMapper.MessageIdOf(message, Path.GetFileNameWithoutExtension(file.Name));
        }
        catch (FormatException)
        {
            // Kept as it came because it could not be parsed: no conversation has it.
            return null;
        }
    }

    private sealed class Owner
    {
        public Guid ConversationId { get; set; }
        public Guid CustomerId { get; set; }
    }
}
