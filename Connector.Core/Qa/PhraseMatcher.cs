using System.Text;
using System.Text.RegularExpressions;

namespace Connector.Core.Qa;

/// <summary>
/// Finds any of a rule's phrases in a turn: whole words, any case, curly or straight apostrophes, punctuation and line
/// breaks read as spaces, so "Thanks  for calling!" matches "thanks for calling". A word ending in <c>*</c> takes
/// any ending. One compiled expression per rule, on the non-backtracking engine: linear in the text, so it needs no
/// time-out (a wall-clock one fired whenever a busy machine descheduled the thread, and failed the job).
/// </summary>
public sealed class PhraseMatcher
{
    private readonly Regex _pattern;

    public PhraseMatcher(IReadOnlyList<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var alternatives = phrases.Select(Normalize).Where(p => p.Length > 0).Select(ToPattern);
        // Whole words without lookarounds (which the linear engine lacks): the normalized text is padded with a space
        // each side, so a phrase is a space, its words, and a space.
        _pattern = new Regex($" (?:{string.Join('|', alternatives)}) ", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    /// <summary>The phrase found in <paramref name="text"/>, as written there (normalized); null when none is.</summary>
    public string? Find(string text)
    {
        var match = _pattern.Match($" {Normalize(text)} ");
        return match.Success ? match.Value.Trim() : null;
    }

    /// <summary>Lower case, one kind of apostrophe, and every run of other non-word characters one space.</summary>
    public static string Normalize(string text)
    {
        var normalized = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text.ToLowerInvariant())
        {
            var k = c is '\u2019' or '\u2018' or '`' ? '\'' : c;
            if (char.IsLetterOrDigit(k) || k is '\'' or '*')
            {
                normalized.Append(k);
                space = false;
            }
            else if (!space)
            {
                normalized.Append(' ');
                space = true;
            }
        }

        return normalized.ToString().Trim();
    }

    private static string ToPattern(string phrase) => string.Join(' ', phrase.Split(' ').Select(word =>
        word.EndsWith('*') ? Regex.Escape(word.TrimEnd('*')) + "[\\w']*" : Regex.Escape(word.Replace("*", "", StringComparison.Ordinal))));
}
