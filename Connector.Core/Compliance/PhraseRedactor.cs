namespace Connector.Core.Compliance;

/// <summary>
/// Redaction of text that arrives in pieces, such as the phrases of one speaker in a live transcript: a caller who
/// pauses in the middle of their card number splits it across two phrases, and neither half alone is a card. Each
/// phrase is redacted together with the phrases just before it; when the join shows that an earlier phrase held part
/// of a value, that phrase comes back revised, so the caller can replace what it kept. The raw text of the last few
/// phrases is held in memory only, never returned. One stream per speaker of one conversation; not thread-safe.
/// </summary>
/// <typeparam name="TKey">How the caller names a phrase it kept (e.g. its offset in the call).</typeparam>
public sealed class PhraseRedactor<TKey>(SensitiveDataRedactor redactor, int context = 2)
{
    /// <summary>Phrases are joined with a space, as speech-to-text would have written them had the speaker not paused.</summary>
    private const string Joint = " ";

    private readonly List<(TKey Key, string Raw, string Kept)> _recent = [];

    /// <summary>The phrase redacted in the light of the ones before it, and the earlier phrases whose kept text must change.</summary>
    public StreamedPhrase<TKey> Next(TKey key, string phrase)
    {
        var joined = string.Concat(_recent.Select(p => p.Raw + Joint)) + phrase;
        var spans = redactor.Find(joined);
        var revised = new List<RevisedPhrase<TKey>>();
        var offset = 0;
        for (var i = 0; i < _recent.Count; i++)
        {
            var (earlierKey, raw, kept) = _recent[i];
            var text = Slice(raw, offset, spans);
            if (!string.Equals(text, kept, StringComparison.Ordinal))
            {
                revised.Add(new RevisedPhrase<TKey>(earlierKey, text));
                _recent[i] = (earlierKey, raw, text);
            }

            offset += raw.Length + Joint.Length;
        }

        var current = Slice(phrase, offset, spans);
        _recent.Add((key, phrase, current));
        if (_recent.Count > context)
        {
            _recent.RemoveAt(0);
        }

        return new StreamedPhrase<TKey>(current, revised);
    }

    /// <summary>The part of the joined text from <paramref name="offset"/> that is <paramref name="raw"/>, with every span touching it masked.</summary>
    private static string Slice(string raw, int offset, IReadOnlyList<SensitiveSpan> spans)
    {
        var end = offset + raw.Length;
        var local = new List<SensitiveSpan>();
        foreach (var span in spans)
        {
            var start = Math.Max(span.Start, offset);
            var stop = Math.Min(span.End, end);
            if (start < stop)
            {
                local.Add(new SensitiveSpan(start - offset, stop - start, span.Mask));
            }
        }

        return SensitiveDataRedactor.Apply(raw, local);
    }
}

/// <summary>A phrase as it may be kept and shown, and the earlier phrases to correct.</summary>
public sealed record StreamedPhrase<TKey>(string Text, IReadOnlyList<RevisedPhrase<TKey>> Revised);

/// <summary>An earlier phrase's new redacted text: part of a value only the later phrase revealed.</summary>
public sealed record RevisedPhrase<TKey>(TKey Key, string Text);
