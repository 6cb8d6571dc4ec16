namespace Connector.Core.Compliance;

/// <summary>
/// Payment card numbers however they are written: 13–19 digits in groups separated by spaces, dashes, dots or slashes,
/// beside an expiry, a security code or other digits, inside a token, or spoken digit by digit. A candidate is a
/// stretch of whole <see cref="DigitGroup"/>s of a run that passes the Luhn check and starts like a card a scheme
/// issues (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro, Mir): the two checks together keep
/// order numbers, phone numbers, dates and other 16-digit references.
/// </summary>
internal static class CardNumbers
{
    public const int MinLength = 13;
    public const int MaxLength = 19;

    public static void Find(string text, List<SensitiveSpan> found)
    {
        foreach (var run in DigitRuns.Find(text))
        {
            FindInRun(run, found);
        }
    }

    private static void FindInRun(List<DigitGroup> run, List<SensitiveSpan> found)
    {
        var total = 0;
        foreach (var group in run)
        {
            total += group.Digits.Length;
        }

        if (total < MinLength)
        {
            return;
        }

        Span<char> digits = stackalloc char[MaxLength];
        for (var first = 0; first < run.Count; first++)
        {
            var length = 0;
            for (var last = first; last < run.Count; last++)
            {
                var group = run[last].Digits;
                if (length + group.Length > MaxLength)
                {
                    break;
                }

                group.CopyTo(digits[length..]);
                length += group.Length;
                if (length >= MinLength && IsIssued(digits[..length]) && PassesLuhn(digits[..length]))
                {
                    found.Add(new SensitiveSpan(run[first].Start, run[last].End - run[first].Start, RedactionMasks.Card));
                }
            }
        }
    }

    /// <summary>Whether the number starts like a card of a scheme in use (ISO/IEC 7812 issuer ranges).</summary>
    internal static bool IsIssued(ReadOnlySpan<char> digits)
    {
        var two = (digits[0] - '0') * 10 + (digits[1] - '0');
        var four = two * 100 + (digits[2] - '0') * 10 + (digits[3] - '0');
        return digits[0] switch
        {
            '2' => four is >= 2200 and <= 2204 or >= 2221 and <= 2720, // Mir, Mastercard 2-series
            '3' => two is 30 or 34 or 35 or 36 or 37 or 38 or 39, // Diners, Amex, JCB
            '4' or '5' or '6' => true, // Visa; Mastercard and Maestro; Discover, UnionPay, Maestro
            _ => false,
        };
    }

    internal static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }
}
