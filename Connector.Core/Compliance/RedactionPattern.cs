using System.Text.RegularExpressions;

namespace Connector.Core.Compliance;

/// <summary>
/// A value the charter adds to what is redacted, for one region (a national id, a customer number format): its name,
/// the expression that finds it (compiled and checked when the charter is read) and the mask that replaces it.
/// </summary>
public sealed record RedactionPattern(string Region, string Name, Regex Pattern, string Mask)
{
    /// <summary>A charter pattern may not take longer than this on one text: a slow expression must not stall intake.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

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
