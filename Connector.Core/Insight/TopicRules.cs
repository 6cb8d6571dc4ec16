using Connector.Core.Qa;

namespace Connector.Core.Insight;

/// <summary>The topics whose keywords or phrases a turn contains, in the charter's order; the same matching as QA's phrase rules.</summary>
public sealed class TopicRules
{
    private readonly (string Topic, PhraseMatcher Matcher)[] _rules;

    public TopicRules(IReadOnlyList<InsightTopic> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        _rules = [.. topics.Where(t => t.HasRule).Select(t => (t.Name, new PhraseMatcher([.. t.Keywords, .. t.Phrases])))];
    }

    public IReadOnlyList<string> Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. _rules.Where(r => r.Matcher.Find(text) is not null).Select(r => r.Topic)];
    }
}
