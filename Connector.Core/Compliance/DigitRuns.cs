namespace Connector.Core.Compliance;

/// <summary>
/// Splits a text into runs of <see cref="DigitGroup"/>s that follow each other with only separators between them: one
/// to three spaces, tabs, dashes, dots, slashes or commas (how people type card numbers, and how speech-to-text puts
/// commas between spoken digits). Any other character ends a run; letters around a digit group do not
/// (<c>ref-4111…</c>, <c>card4111…</c>), but a word that is not a spoken digit does end the run.
/// </summary>
internal static class DigitRuns
{
    private const int MaxGap = 3;

    public static List<List<DigitGroup>> Find(string text)
    {
        var runs = new List<List<DigitGroup>>();
        var current = new List<DigitGroup>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                current.Add(new DigitGroup(start, i, text[start..i]));
                i = SkipGap(text, i, current, runs);
            }
            else if (char.IsLetter(c))
            {
                var start = i;
                while (i < text.Length && char.IsLetter(text[i]))
                {
                    i++;
                }

                if (Spoken(text, start, i, out var group))
                {
                    current.Add(group);
                    i = SkipGap(text, group.End, current, runs);
                }
                else
                {
                    // A word other than a spoken digit: letters glued to digits stay with them ("ref4111…"), but a
                    // word standing between digit groups ("… 1111 and 2222 …") ends the run.
                    Close(current, runs);
                }
            }
            else
            {
                Close(current, runs);
                i++;
            }
        }

        Close(current, runs);
        return runs;
    }

    /// <summary>"four", or "double one" / "triple seven" as one group of two or three digits.</summary>
    private static bool Spoken(string text, int start, int end, out DigitGroup group)
    {
        var word = text.AsSpan(start, end - start);
        if (SpokenDigits.TryDigit(word, out var digit))
        {
            group = new DigitGroup(start, end, digit.ToString());
            return true;
        }

        if (SpokenDigits.TryRepeat(word, out var times))
        {
            var next = end;
            while (next < text.Length && text[next] == ' ')
            {
                next++;
            }

            var wordEnd = next;
            while (wordEnd < text.Length && char.IsLetter(text[wordEnd]))
            {
                wordEnd++;
            }

            if (next > end && SpokenDigits.TryDigit(text.AsSpan(next, wordEnd - next), out digit))
            {
                group = new DigitGroup(start, wordEnd, new string(digit, times));
                return true;
            }
        }

        group = default;
        return false;
    }

    /// <summary>Past the separators after a group; a gap too long, or not followed by another group, ends the run.</summary>
    private static int SkipGap(string text, int i, List<DigitGroup> current, List<List<DigitGroup>> runs)
    {
        var j = i;
        while (j < text.Length && j - i <= MaxGap && IsSeparator(text[j]))
        {
            j++;
        }

        if (j - i > MaxGap)
        {
            Close(current, runs);
            return j;
        }

        // Letters right after digits ("4111abc") are the rest of a token, not a group: the run ends there unless the
        // letters are a spoken digit, which the caller finds next.
        return j;
    }

    private static bool IsSeparator(char c) => c is ' ' or '\t' or '-' or '.' or '/' or ',' or '\u00A0';

    private static void Close(List<DigitGroup> current, List<List<DigitGroup>> runs)
    {
        if (current.Count > 0)
        {
            runs.Add([.. current]);
            current.Clear();
        }
    }
}
