using System.Globalization;
using Connector.Ai.Assist;
using Connector.Core.Conversations;
using Connector.Core.Storage;

namespace Connector.Worker.Assist;

/// <summary>
/// Suggestions for a conversation: the customer's messages since the contact centre last wrote (at most
/// <see cref="CustomerTurns"/>; the last one when the agent has answered it already) are the query; the active
/// knowledge articles and the published replies are searched with it (<see cref="IAssistRetriever"/>), and the drafter
/// is given the best of both and the last <see cref="DraftTurns"/> messages.
/// </summary>
internal sealed class AssistSuggestions(
    IConnectorStore store, KnowledgeArticleStore articles, ReplyLibraryStore library, IAssistRetriever retriever, IAssistDrafter drafter)
{
    public const int CustomerTurns = 3;
    public const int DraftTurns = 6;
    public const int Top = 3;

    /// <summary>Below this cosine a suggestion is more likely noise than help.</summary>
    public const double MinScore = 0.3;

    /// <summary>A reply is in whatever language agents wrote it: BCP 47's "undetermined" (words matched as written, not stemmed).</summary>
    private const string UndeterminedLanguage = "und";

    /// <summary>Enough for a knowledge base and a library of this size; both are read whole per request.</summary>
    private const int MaxDocuments = 1000;

    public async Task<AssistResponse?> ForAsync(Guid conversationId, CancellationToken ct)
    {
        if (await store.GetConversationAsync(conversationId, ct) is not { } view)
        {
            return null;
        }

        var messages = view.Timeline
            .Where(e => e.Type == TimelineEventType.Message && !string.IsNullOrWhiteSpace(e.Text))
            .OrderBy(e => e.At).ToList();
        var lastOut = messages.FindLastIndex(e => e.Direction == Direction.Out);
        var turns = messages.Skip(lastOut + 1).Where(e => e.Direction == Direction.In).TakeLast(CustomerTurns).ToList();
        if (turns.Count == 0 && messages.LastOrDefault(e => e.Direction == Direction.In) is { } answered)
        {
            turns.Add(answered);
        }

        if (turns.Count == 0)
        {
            return new AssistResponse(conversationId, [], [], [], null, "no customer message yet");
        }

        var query = string.Join("\n", turns.Select(t => t.Text));
        var active = await articles.ListAsync(KnowledgeArticle.Active, MaxDocuments, ct);
        var published = await library.ListAsync(LibraryReply.Published, MaxDocuments, ct);
        var articleHits = retriever.Search(
            [.. active.Select(a => new AssistDocument(a.Id.ToString(), a.Language.Split('-')[0], [a.Title, $"{a.Title}. {a.Body}"]))], query, Top, MinScore, ct);
        var replyHits = retriever.Search(
            [.. published.Select(r => new AssistDocument(r.Id.ToString(), UndeterminedLanguage, [r.Text]))], query, Top, MinScore, ct);

        var byArticle = active.ToDictionary(a => a.Id.ToString());
        var byReply = published.ToDictionary(r => r.Id.ToString());
        var articleSuggestions = articleHits.Select(h => byArticle[h.DocumentId]).Zip(articleHits, (a, h) => new ArticleSuggestion(
            a.Id, "article", a.Title, a.Body, a.Language, a.Tags, Math.Round(h.Score, 3), Why(h, h.MatchedText == a.Title ? "its title" : "its title and body", turns.Count))).ToList();
        var replySuggestions = replyHits.Select(h => byReply[h.DocumentId]).Zip(replyHits, (r, h) => new ReplySuggestion(
            r.Id, "reply", r.Text, Math.Round(h.Score, 3), Why(h, $"this reply (sent {r.SentCount} times by {r.AgentCount} agents)", turns.Count))).ToList();

        var sources = articleSuggestions.Select(a => new AssistSource("article", a.Id.ToString(), a.Title, a.Body))
            .Concat(replySuggestions.Select(r => new AssistSource("reply", r.Id.ToString(), "Reviewed reply", r.Text))).ToList();
        var last = messages.TakeLast(DraftTurns).Select(e => new AssistTurn(e.Direction == Direction.In, e.Text!)).ToList();
        var draft = await drafter.DraftAsync(last, sources, ct);
        return new AssistResponse(
            conversationId, [.. turns.Select(t => t.Id)], articleSuggestions, replySuggestions,
            draft.Text is { } text ? new DraftSuggestion(Guid.CreateVersion7(), "draft", text, draft.Sources, draft.Method!) : null,
            draft.Text is null ? draft.Reason : null);
    }

    private static string Why(AssistHit hit, string what, int turns) => string.Create(CultureInfo.InvariantCulture,
        $"score {hit.Score:0.00} (meaning {hit.Semantic:0.00}, shared words {hit.Lexical:0.00}) between {what} and the customer's last {(turns == 1 ? "message" : $"{turns} messages")}");
}
