namespace Connector.Ai.Assist;

/// <summary>
/// Finds the documents closest to what the customer said, over a corpus that changes (articles are edited, replies
/// published): the caller passes the corpus as it is now.
/// </summary>
public interface IAssistRetriever
{
    /// <returns>At most <paramref name="top"/> hits at or above <paramref name="minScore"/>, best first.</returns>
    IReadOnlyList<AssistHit> Search(IReadOnlyList<AssistDocument> documents, string query, int top, double minScore, CancellationToken ct);
}
