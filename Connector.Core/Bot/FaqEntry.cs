namespace Connector.Core.Bot;

/// <summary>One curated answer: the question as the FAQ asks it, the ways customers ask it, and the answer the bot sends.</summary>
public sealed record FaqEntry(string Id, string Language, string Question, IReadOnlyList<string> Utterances, string Answer)
{
    /// <summary>Everything a message is matched against: the question and each example utterance.</summary>
    public IReadOnlyList<string> Texts => [Question, .. Utterances];
}
