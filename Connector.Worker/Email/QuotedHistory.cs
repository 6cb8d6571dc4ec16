using System.Text.RegularExpressions;

namespace Connector.Worker.Email;

/// <summary>
/// Takes the quoted history out of a plain-text reply, so the timeline shows what the customer wrote this time:
/// <c>&gt;</c>-quoted lines, the "On … wrote:" line above them, and everything below an Outlook-style
/// "Original Message" or "From: … Sent: …" header (Outlook quotes without <c>&gt;</c>). Text the customer wrote
/// between quoted lines (an inline answer) is kept.
/// </summary>
internal static partial class QuotedHistory
{
    // An attribution may wrap over up to three lines (mail clients fold long names and addresses).
    private const int MaxAttributionLines = 3;
    private const int MaxAttributionLength = 400;

    public static string Strip(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var kept = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('>'))
            {
                continue;
            }

            if (OriginalMessageMarker().IsMatch(trimmed) || StartsOutlookHeader(lines, i) || IsOutlookSeparator(lines, i))
            {
                break;
            }

            if (AttributionLength(lines, i) is var length and > 0)
            {
                i += length - 1;
                continue;
            }

            kept.Add(line);
        }

        return Tidy(kept);
    }

    /// <summary>Collapses the blank lines that removed quotes leave behind, and trims the ends.</summary>
    internal static string Tidy(IEnumerable<string> lines)
    {
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0 && (result.Count == 0 || result[^1].Length == 0))
            {
                continue;
            }

            result.Add(line);
        }

        while (result.Count > 0 && result[^1].Length == 0)
        {
            result.RemoveAt(result.Count - 1);
        }

        return string.Join('\n', result);
    }

    /// <summary>
    /// How many lines the attribution starting at <paramref name="start"/> spans, or 0. It must be followed by quoted
    /// lines or by nothing, so that a sentence of the customer's that happens to end in "wrote:" stays.
    /// </summary>
    private static int AttributionLength(string[] lines, int start)
    {
        if (!AttributionStart().IsMatch(lines[start].TrimStart()))
        {
            return 0;
        }

        var joined = "";
        for (var length = 1; length <= MaxAttributionLines && start + length <= lines.Length; length++)
        {
            joined = (joined + " " + lines[start + length - 1].Trim()).Trim();
            if (joined.Length > MaxAttributionLength)
            {
                return 0;
            }

            if (AttributionEnd().IsMatch(joined))
            {
                var next = lines.Skip(start + length).FirstOrDefault(l => l.Trim().Length > 0);
                return next is null || next.TrimStart().StartsWith('>') ? length : 0;
            }
        }

        return 0;
    }

    /// <summary>"From: …" followed within three lines by "Sent:" or "Date:": the header Outlook writes above the quoted mail.</summary>
    private static bool StartsOutlookHeader(string[] lines, int start)
    {
        var line = lines[start].Trim().TrimStart('*');
        if (!line.StartsWith("From:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return lines.Skip(start + 1).Take(3).Select(l => l.Trim().TrimStart('*'))
            .Any(l => l.StartsWith("Sent:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Date:", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The line of underscores Outlook puts above that header.</summary>
    private static bool IsOutlookSeparator(string[] lines, int start)
    {
        if (!UnderscoreLine().IsMatch(lines[start].Trim()))
        {
            return false;
        }

        var next = Array.FindIndex(lines, start + 1, l => l.Trim().Length > 0);
        return next > 0 && StartsOutlookHeader(lines, next);
    }

    // English first; the German, French, Dutch and Spanish forms are the next most common in the wild.
    [GeneratedRegex(@"^(On|Am|Le|Op|El)\s", RegexOptions.CultureInvariant)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"(wrote|schrieb|a écrit|schreef|escribió)\s*:$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AttributionEnd();

    [GeneratedRegex(@"^-{2,}\s*Original Message\s*-{2,}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessageMarker();

    [GeneratedRegex(@"^_{10,}$", RegexOptions.CultureInvariant)]
    private static partial Regex UnderscoreLine();
}
