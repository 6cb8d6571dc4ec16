using Connector.Ai.Embeddings;

namespace Connector.Ai.Assist;

/// <summary>
/// Finds the replies agents keep sending, as Einstein Reply Recommendations does: every reply normalized
/// (<see cref="ReplyNormalizer"/>), exact duplicates counted together, then wordings whose sentence embeddings are close
/// grouped (each joins the most sent group it is close enough to); groups sent too rarely or by one agent only are left out.
/// Ranked by how often they were sent, then by how many agents sent them.
/// </summary>
public sealed class ReplyMiner(ReplyNormalizer normalizer, SentenceEmbedder embedder)
{
    /// <summary>Too short to be worth suggesting ("ok", "thanks").</summary>
    private const int MinWords = 3;

    public IReadOnlyList<MinedReply> Mine(IEnumerable<PastReply> replies, MiningThresholds thresholds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(thresholds);
        var exact = new Dictionary<string, Wording>(StringComparer.Ordinal);
        foreach (var reply in replies)
        {
            var text = normalizer.Normalize(reply.Text);
            var key = ReplyNormalizer.KeyOf(text);
            if (key.Split(' ').Length < MinWords)
            {
                continue;
            }

            if (!exact.TryGetValue(key, out var wording))
            {
                exact[key] = wording = new Wording(key);
            }

            wording.Add(text, reply.AgentId);
        }

        var wordings = exact.Values.OrderByDescending(w => w.Count).ThenBy(w => w.Key, StringComparer.Ordinal).ToList();
        var vectors = embedder.Embed([.. wordings.Select(w => w.Text)], ct);
        var groups = new List<(float[] Leader, List<Wording> Members)>();
        for (var i = 0; i < wordings.Count; i++)
        {
            var best = -1;
            var bestSimilarity = thresholds.Similarity;
            for (var g = 0; g < groups.Count; g++)
            {
                var similarity = Cosine(vectors[i], groups[g].Leader);
                if (similarity >= bestSimilarity)
                {
                    (best, bestSimilarity) = (g, similarity);
                }
            }

            if (best < 0)
            {
                groups.Add((vectors[i], [wordings[i]]));
            }
            else
            {
                groups[best].Members.Add(wordings[i]);
            }
        }

        return [.. groups
            .Select(g => new MinedReply(
                g.Members[0].Text, g.Members[0].Key, g.Members.Sum(m => m.Count),
                g.Members.SelectMany(m => m.Agents).Distinct(StringComparer.Ordinal).Count(),
                [.. g.Members.Skip(1).Take(5).Select(m => m.Text)]))
            .Where(m => m.SentCount >= thresholds.MinSent && m.AgentCount >= thresholds.MinAgents)
            .OrderByDescending(m => m.SentCount).ThenByDescending(m => m.AgentCount).ThenBy(m => m.Key, StringComparer.Ordinal)];
    }

    /// <summary>The embedder's vectors are unit length: the dot product is the cosine.</summary>
    private static double Cosine(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private sealed class Wording(string key)
    {
        private readonly Dictionary<string, int> texts = new(StringComparer.Ordinal);

        public string Key { get; } = key;

        public int Count { get; private set; }

        public HashSet<string> Agents { get; } = new(StringComparer.Ordinal);

        /// <summary>The way it was written most often (its capitals and punctuation).</summary>
        public string Text => texts.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key;

        public void Add(string text, string agentId)
        {
            texts[text] = texts.GetValueOrDefault(text) + 1;
            Agents.Add(agentId);
            Count++;
        }
    }
}
