namespace Connector.Core.Compliance;

/// <summary>
/// International bank account numbers: a country code, two check digits and the country's fixed number of letters and
/// digits, written solid or in groups of four, accepted only when the ISO 13616 mod-97 check holds.
/// </summary>
internal static class Ibans
{
    // The IBAN registry's lengths; a country not listed has no IBAN.
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
        ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
        ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    };

    /// <param name="shaped">Where the text holds something written like an IBAN, whether or not its check holds: card
    /// numbers are not looked for inside an account number.</param>
    public static void Find(string text, List<SensitiveSpan> found, List<SensitiveSpan> shaped)
    {
        Span<char> iban = stackalloc char[34];
        for (var i = 0; i + 4 <= text.Length; i++)
        {
            if (!char.IsAsciiLetter(text[i]) || !char.IsAsciiLetter(text[i + 1]) || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3])
                || (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1]))
                || !Lengths.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text.AsSpan(i, 2), out var length))
            {
                continue;
            }

            if (Read(text, i, length, iban) is not { } end)
            {
                continue;
            }

            shaped.Add(new SensitiveSpan(i, end - i, RedactionMasks.Iban));
            if (PassesMod97(iban[..length]))
            {
                found.Add(new SensitiveSpan(i, end - i, RedactionMasks.Iban));
            }

            i = end - 1;
        }
    }

    /// <summary>Exactly <paramref name="length"/> letters and digits from <paramref name="start"/>, single spaces or dashes allowed between; the end, or null.</summary>
    private static int? Read(string text, int start, int length, Span<char> iban)
    {
        var count = 0;
        var i = start;
        while (count < length && i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                iban[count++] = char.ToUpperInvariant(c);
                i++;
            }
            else if (c is ' ' or '-' && count >= 4 && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]))
            {
                i++;
            }
            else
            {
                return null;
            }
        }

        return count == length && (i == text.Length || !char.IsAsciiLetterOrDigit(text[i])) ? i : null;
    }

    /// <summary>ISO 13616: the first four characters moved to the end, letters as 10–35, the whole number mod 97 is 1.</summary>
    internal static bool PassesMod97(ReadOnlySpan<char> iban)
    {
        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else
            {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
        }

        return remainder == 1;
    }
}
