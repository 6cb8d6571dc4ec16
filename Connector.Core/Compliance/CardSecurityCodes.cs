using System.Text.RegularExpressions;

namespace Connector.Core.Compliance;

/// <summary>
/// A card's security code said or typed right after what names it ("cvv 123", "security code is 123", "CVC: four
/// five six"). Three or four digits alone are everywhere (amounts, times, room numbers), so only the card context
/// makes them a security code.
/// </summary>
internal static partial class CardSecurityCodes
{
    public static void Find(string text, List<SensitiveSpan> found)
    {
        foreach (Match match in Code().Matches(text))
        {
            var code = match.Groups["code"];
            found.Add(new SensitiveSpan(code.Index, code.Length, RedactionMasks.SecurityCode));
        }
    }

    // No match time-out: a match can only start at a keyword, and from there each quantifier runs over one class of
    // characters that the next part cannot also take more than once, so a scan is linear; a wall-clock time-out
    // would only fire when a busy machine deschedules the thread, and fail a redaction that was fine.
    private const string Spoken = "(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)";

    [GeneratedRegex(
        @"\b(?:cvv2?|cvc2?|cv2|cid|csc|security\s+code|security\s+number|verification\s+(?:code|number|value)|three\s+digits?\s+on\s+the\s+back|digits\s+on\s+the\s+back)\b"
        + @"(?:\s*(?:is|are|was|it's|its|:|=|#|-|number|code|no\.?)){0,3}[\s:=#-]*"
        + @"(?<code>(?<!\d)\d{3,4}(?!\d)|" + Spoken + @"(?:[\s,-]+" + Spoken + @"){2,3}\b)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Code();
}
