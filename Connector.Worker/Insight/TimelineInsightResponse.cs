namespace Connector.Worker.Insight;

/// <summary>
/// What a timeline entry shows of its insight: its sentiment and topics (for a call transcript, the mean of its
/// phrases and every phrase's topics) and, for a transcript, each phrase's line, speaker, sentiment and topics.
/// </summary>
public sealed record TimelineInsightResponse(double Sentiment, string Method, IReadOnlyList<string> Topics, IReadOnlyList<PhraseInsightResponse>? Phrases);

/// <param name="Line">The transcript line, from 1.</param>
public sealed record PhraseInsightResponse(int Line, string Speaker, double Sentiment, IReadOnlyList<string> Topics);

/// <summary>One analysed interaction of the conversation (one task's part): its sentiment, trend, participants and topics.</summary>
public sealed record InteractionInsightResponse(
    Guid TaskId, string Channel, string? Queue, string AgentId, DateTimeOffset EndedAt, int Turns, double? Sentiment, double? Start, double? End, double? Trend,
    IReadOnlyDictionary<string, double> Participants, IReadOnlyDictionary<string, int> Topics, string Summary);
