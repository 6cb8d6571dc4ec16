using System.Text.RegularExpressions;

namespace Connector.Core.Compliance;

/// <summary>US Social Security numbers and UK National Insurance numbers, in the forms their owners write them.</summary>
// No match time-out on these expressions: their quantifiers are fixed-width, so a scan is linear in the text, and a
// wall-clock time-out only fires when a busy machine deschedules the thread, failing a redaction that was fine.
internal static partial class NationalIds
{
    public static void Find(string text, List<SensitiveSpan> found)
    {
        foreach (Match match in UsSocialSecurityNumber().Matches(text))
        {
            found.Add(new SensitiveSpan(match.Index, match.Length, RedactionMasks.UsSocialSecurityNumber));
        }

        foreach (Match match in UkNationalInsuranceNumber().Matches(text))
        {
            found.Add(new SensitiveSpan(match.Index, match.Length, RedactionMasks.UkNationalInsuranceNumber));
        }
    }

    // Area 001–899 but not 666, group 01–99, serial 0001–9999; dashes or spaces, the same separator both times. Bare
    // nine-digit numbers are left alone: order and ticket numbers are written that way far more often.
    [GeneratedRegex(@"(?<![\d-])(?!000|666|9\d\d)\d{3}(?<sep>[- ])(?!00)\d{2}\k<sep>(?!0000)\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex UsSocialSecurityNumber();

    // HMRC format: two prefix letters (not D, F, I, Q, U, V; second not O), six digits, suffix A–D; spaces allowed.
    [GeneratedRegex(@"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UkNationalInsuranceNumber();
}
