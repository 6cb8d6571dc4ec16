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
                if (length >= MinLength && StandsApart(run, first, last, total, length) && IsIssued(digits[..length]) && PassesLuhn(digits[..length]))
                {
                    found.Add(new SensitiveSpan(run[first].Start, run[last].End - run[first].Start, RedactionMasks.Card));
                }
            }
        }
    }

    /// <summary>
    /// Whether the stretch of groups reads as a number of its own within its run. Digits around a card are an expiry,
    /// a security code or a day (at most four on either side, "12 4111 …", "… 1111 12/29", "… 1111 123"), and they are
    /// grouped unlike the card; a stretch cut out of a longer number grouped the same way (a 22-digit parcel code
    /// in fours) is not a card, even where its digits happen to pass the checks.
    /// </summary>
    private static bool StandsApart(List<DigitGroup> run, int first, int last, int total, int length)
    {
        var before = 0;
        for (var i = 0; i < first; i++)
        {
            before += run[i].Digits.Length;
        }

        var after = total - before - length;
        if (before > MaxBeside || after > MaxBeside)
        {
            return false;
        }

        return (first == 0 || !SameShape(run[first - 1], run[first])) && (last == run.Count - 1 || !SameShape(run[last + 1], run[last]));
    }

    /// <summary>Digits beside a card that may still be read as its expiry, security code or day.</summary>
    private const int MaxBeside = 4;

    /// <summary>Typed groups of the same size (three digits or more) read as parts of one number; spoken digits are groups of one and say nothing by their size.</summary>
    private static bool SameShape(DigitGroup outside, DigitGroup inside) =>
        outside.Digits.Length >= 3 && outside.Digits.Length == inside.Digits.Length;

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
