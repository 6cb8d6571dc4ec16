using Connector.Ai.Assist;
using Connector.Worker.Replies;

namespace Connector.Worker.Assist;

/// <summary>
/// Records a suggestion as <c>used</c> when the agent's sent reply is what they inserted: at least
/// <see cref="Overlap"/> of the inserted text's words (normalized the same way, so a filled-in {name} still matches) are
/// in the reply. Only the agent's own inserts on that conversation within <see cref="Window"/> count, each once.
/// </summary>
internal sealed class SentReplyMatcher(
    AssistUseStore uses, KnowledgeArticleStore articles, ReplyLibraryStore library, ReplyNormalizer normalizer, TimeProvider time) : IReplyObserver
{
    public const double Overlap = 0.7;

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public async Task RepliedAsync(Guid conversationId, string agentId, string text, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var inserts = await uses.OpenInsertsAsync(conversationId, agentId, now - Window, ct);
        if (inserts.Count == 0)
        {
            return;
        }

        var sent = Words(text);
        foreach (var insert in inserts)
        {
            if (await InsertedTextAsync(insert, ct) is { } inserted && Contains(sent, Words(inserted)))
            {
                await uses.AddAsync(new AssistUse(
                    Guid.CreateVersion7(), conversationId, agentId, insert.Kind, insert.SuggestionId, AssistUse.Used, null, insert.Id, now), ct);
                return;
            }
        }
    }

    private async Task<string?> InsertedTextAsync(AssistUse insert, CancellationToken ct) => insert.Kind switch
    {
        "draft" => insert.Text,
        "article" when Guid.TryParse(insert.SuggestionId, out var id) => (await articles.GetAsync(id, ct))?.Body,
        "reply" when Guid.TryParse(insert.SuggestionId, out var id) => (await library.GetAsync(id, ct))?.Text,
        _ => null,
    };

    private HashSet<string> Words(string text) =>
        [.. ReplyNormalizer.KeyOf(normalizer.Normalize(text)).Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static bool Contains(HashSet<string> sent, HashSet<string> inserted) =>
        inserted.Count > 0 && inserted.Count(sent.Contains) >= Overlap * inserted.Count;
}
