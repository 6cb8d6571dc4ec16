namespace Connector.Core.Compliance;

/// <summary>
/// International bank account numbers: a country code, two check digits and the country's fixed number of letters and
/// digits, written solid or in groups of four, accepted only when the ISO 13616 mod-97 check holds.
/// </summary>
internal static class Ibans
{
    // The IBAN registry's lengths (country code, length); a country not listed has no IBAN.
    private static readonly Dictionary<string, int> Lengths = (
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 " +
        "ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 " +
        "LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 " +
        "RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20")
        .Split(' ').ToDictionary(e => e[..2], e => int.Parse(e[2..], System.Globalization.CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);

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
