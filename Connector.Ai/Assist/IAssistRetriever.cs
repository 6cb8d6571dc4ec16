namespace Connector.Ai.Assist;

/// <summary>
/// Finds the documents closest to what the customer said. One seam, so assist uses the same retrieval as the bot once
/// that is shared (Connector.Ai/Retrieval); until then <see cref="EmbeddedAssistRetriever"/> answers.
/// </summary>
public interface IAssistRetriever
{
    /// <returns>At most <paramref name="top"/> hits at or above <paramref name="minScore"/>, best first.</returns>
    IReadOnlyList<AssistHit> Search(IReadOnlyList<AssistDocument> documents, string query, int top, double minScore, CancellationToken ct);
}
