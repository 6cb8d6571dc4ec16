using Connector.Core.Insight;
using Connector.Core.Qa;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>
/// <c>insights:</c> the topics every turn is sorted into: <c>topics:</c> name → <c>keywords</c>, <c>phrases</c> (rules)
/// and <c>examples</c> (sentences whose embeddings make the topic's centroid), at least one of them; and
/// <c>threshold</c>, the cosine similarity (0–1) a turn needs to join its nearest centroid. Each mistake names its field.
/// </summary>
internal static class InsightsSection
{
    public const string Name = "insights";

    private static readonly string[] SectionKeys = ["topics", "threshold"];
    private static readonly string[] TopicKeys = ["keywords", "phrases", "examples"];

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        var fields = reader.Fields(node, Name, SectionKeys);
        var threshold = InsightPolicy.DefaultThreshold;
        if (fields.TryGet("threshold", out var n, out var f) && reader.Number(n, f, positive: true) is { } t)
        {
            if (t >= 1)
            {
                reader.Error(n, f, $"is a cosine similarity, between 0 and 1 (got {t}); {InsightPolicy.DefaultThreshold} is the default");
            }
            else
            {
                threshold = t;
            }
        }

        var topics = new List<InsightTopic>();
        if (fields.TryGet("topics", out n, out f))
        {
            foreach (var (name, key, value) in reader.Entries(n, f))
            {
                if (Topic(reader, name, key, value, CharterReader.Path(f, name)) is { } topic)
                {
                    topics.Add(topic);
                }
            }
        }

        draft.Insights = new InsightPolicy(topics, threshold);
    }

    private static InsightTopic? Topic(CharterReader reader, string name, YamlNode key, YamlNode node, string field)
    {
        if (node is not YamlMappingNode)
        {
            reader.Error(node, field, "must be a mapping: { keywords: [refund], phrases: [money back], examples: [I want my money back] }");
            return null;
        }

        var fields = reader.Fields(node, field, TopicKeys);
        var rejected = false;
        var keywords = Texts(reader, fields, "keywords", rule: true, ref rejected);
        var phrases = Texts(reader, fields, "phrases", rule: true, ref rejected);
        var examples = Texts(reader, fields, "examples", rule: false, ref rejected);
        if (rejected)
        {
            return null;
        }

        if (keywords.Count + phrases.Count + examples.Count == 0)
        {
            reader.Error(key, field, "needs keywords, phrases or examples: a topic nothing can match is never assigned");
            return null;
        }

        return new InsightTopic(name, keywords, phrases, examples);
    }

    /// <param name="rejected">Set when an item was refused (its error said why; the topic says nothing more).</param>
    private static List<string> Texts(CharterReader reader, CharterFields fields, string name, bool rule, ref bool rejected)
    {
        var texts = new List<string>();
        if (!fields.TryGet(name, out var n, out var f))
        {
            return texts;
        }

        foreach (var (index, item) in reader.Items(n, f))
        {
            var itemField = $"{f}[{index}]";
            if (reader.Text(item, itemField) is not { } text)
            {
                rejected = true;
                continue;
            }

            if (rule && PhraseMatcher.Normalize(text).Replace("*", "", StringComparison.Ordinal).Length == 0)
            {
                reader.Error(item, itemField, $"has no words to look for (got '{text}')");
                rejected = true;
                continue;
            }

            texts.Add(text);
        }

        return texts;
    }
}
