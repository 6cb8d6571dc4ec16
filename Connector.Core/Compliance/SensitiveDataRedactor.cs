using System.Text;
using System.Text.RegularExpressions;

namespace Connector.Core.Compliance;

/// <summary>
/// Masks payment cards (typed in any common grouping, beside an expiry or other digits, inside a token, or spoken),
/// card security codes named as such, IBANs, US Social Security and UK National Insurance numbers, and the charter's
/// own patterns, in free text before it is stored, sent to a CRM or logged: the one redaction applied at every
/// boundary. Each value is replaced whole by a mask naming what was removed (<see cref="RedactionMasks"/>); no digit of
/// it is kept. Text that is read as it arrives, phrase by phrase, goes through a <see cref="PhraseRedactor{TKey}"/>.
/// </summary>
public sealed class SensitiveDataRedactor
{
    public const string CardMask = RedactionMasks.Card;

    private readonly IReadOnlyList<RedactionPattern> _patterns;

    /// <summary>The built-in recognisers only.</summary>
    public SensitiveDataRedactor()
        : this([])
    {
    }

    /// <param name="patterns">The charter's extra patterns (<c>redaction:</c>), applied to every text whatever its region:
    /// a value sensitive in one region is not safe to keep in another.</param>
    public SensitiveDataRedactor(IReadOnlyList<RedactionPattern> patterns)
    {
        _patterns = patterns;
    }

    /// <summary>The text with every sensitive value replaced by its mask; null stays null.</summary>
    public string? Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text : Apply(text, Find(text));

    /// <summary>Whether <see cref="Redact"/> would change the text.</summary>
    public bool ContainsSensitiveData(string? text) => !string.IsNullOrEmpty(text) && Find(text).Count > 0;

    /// <summary>Where the sensitive values are, in order, none overlapping (where two recognisers claim the same digits, the earlier-starting value wins and takes the union).</summary>
    public IReadOnlyList<SensitiveSpan> Find(string text)
    {
        var found = new List<SensitiveSpan>();
        if (text.Length == 0)
        {
            return found;
        }

        var accounts = new List<SensitiveSpan>();
        Ibans.Find(text, found, accounts);
        CardNumbers.Find(text, found);
        if (accounts.Count > 0)
        {
            found.RemoveAll(s => s.Mask == RedactionMasks.Card && accounts.Any(a => s.Start >= a.Start && s.End <= a.End));
        }

        CardSecurityCodes.Find(text, found);
        NationalIds.Find(text, found);
        foreach (var pattern in _patterns)
        {
            try
            {
                pattern.Find(text, found);
            }
            catch (RegexMatchTimeoutException)
            {
                // A charter expression too slow for this text cannot say what is safe in it: mask all of it rather
                // than keep what it may have been written to find.
                return [new SensitiveSpan(0, text.Length, pattern.Mask)];
            }
        }

        return Merge(found);
    }

    /// <summary>The text with the spans (from <see cref="Find"/>) replaced by their masks.</summary>
    public static string Apply(string text, IReadOnlyList<SensitiveSpan> spans)
    {
        if (spans.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var at = 0;
        foreach (var span in spans)
        {
            result.Append(text, at, span.Start - at).Append(span.Mask);
            at = span.End;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    internal static List<SensitiveSpan> Merge(List<SensitiveSpan> found)
    {
        if (found.Count < 2)
        {
            return found;
        }

        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var merged = new List<SensitiveSpan>(found.Count) { found[0] };
        for (var i = 1; i < found.Count; i++)
        {
            var last = merged[^1];
            var next = found[i];
            if (next.Start < last.End)
            {
                merged[^1] = last with { Length = Math.Max(last.End, next.End) - last.Start };
            }
            else
            {
                merged.Add(next);
            }
        }

        return merged;
    }
}
