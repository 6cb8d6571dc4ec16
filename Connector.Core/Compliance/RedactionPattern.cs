using System.Text.RegularExpressions;

namespace Connector.Core.Compliance;

/// <summary>
/// A value the charter adds to what is redacted, for one region (a national id, a customer number format): its name,
/// the expression that finds it (compiled and checked when the charter is read) and the mask that replaces it.
/// </summary>
public sealed record RedactionPattern(string Region, string Name, Regex Pattern, string Mask)
{
    /// <summary>A charter pattern the linear engine cannot run may not take longer than this on one text: a slow
    /// expression must not stall intake.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The charter's expression, on .NET's non-backtracking engine wherever it can run it: its time is linear in the
    /// text whatever the expression, so it needs no time-out, and a busy machine cannot turn a slow scan into a
    /// text masked whole. Expressions it cannot run (lookarounds, backreferences, atomic groups) keep the
    /// backtracking engine under <see cref="MatchTimeout"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The expression is not valid.</exception>
    public static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
    }

    internal void Find(string text, List<SensitiveSpan> found)
    {
        foreach (Match match in Pattern.Matches(text))
        {
            if (match.Length > 0)
            {
                found.Add(new SensitiveSpan(match.Index, match.Length, Mask));
            }
        }
    }
}
