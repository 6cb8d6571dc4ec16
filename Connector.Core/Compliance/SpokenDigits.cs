namespace Connector.Core.Compliance;

/// <summary>
/// Digits as speech-to-text writes them when a caller reads a number out: "four one one one", "double one",
/// "triple seven", "oh" and "nought" for zero.
/// </summary>
internal static class SpokenDigits
{
    private static readonly Dictionary<string, char> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = '0',
        ["oh"] = '0',
        ["nought"] = '0',
        ["nil"] = '0',
        ["one"] = '1',
        ["two"] = '2',
        ["three"] = '3',
        ["four"] = '4',
        ["five"] = '5',
        ["six"] = '6',
        ["seven"] = '7',
        ["eight"] = '8',
        ["nine"] = '9',
    };

    private static readonly Dictionary<string, int> Repeats = new(StringComparer.OrdinalIgnoreCase) { ["double"] = 2, ["triple"] = 3 };

    public static bool TryDigit(ReadOnlySpan<char> word, out char digit)
    {
        var lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(word, out digit);
    }

    public static bool TryRepeat(ReadOnlySpan<char> word, out int times)
    {
        var lookup = Repeats.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(word, out times);
    }
}
