namespace Connector.Core.Voice;

/// <summary>Call Automation names DTMF tones (<c>zero</c>…<c>nine</c>, <c>pound</c>, <c>asterisk</c>, <c>a</c>…<c>d</c>); we work with keys.</summary>
public static class DtmfTones
{
    private static readonly Dictionary<string, char> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = '0',
        ["one"] = '1',
        ["two"] = '2',
        ["three"] = '3',
        ["four"] = '4',
        ["five"] = '5',
        ["six"] = '6',
        ["seven"] = '7',
        ["eight"] = '8',
        ["nine"] = '9',
        ["pound"] = '#',
        ["asterisk"] = '*',
        ["a"] = 'A',
        ["b"] = 'B',
        ["c"] = 'C',
        ["d"] = 'D',
    };

    private static readonly Dictionary<char, string> Names = Keys.ToDictionary(p => p.Value, p => p.Key.ToLowerInvariant());

    /// <summary>The key of a tone name; null for a name ACS does not use.</summary>
    public static char? ToKey(string? tone) => tone is not null && Keys.TryGetValue(tone, out var key) ? key : null;

    /// <summary>The tone name of a key (<c>'2'</c> → <c>two</c>).</summary>
    public static string ToName(char key) =>
        Names.TryGetValue(char.ToUpperInvariant(key), out var name) ? name : throw new ArgumentOutOfRangeException(nameof(key), key, "not a DTMF key");

    public static string ToKeys(IEnumerable<string?> tones) => string.Concat(tones.Select(ToKey).OfType<char>());

    public static bool IsKey(char key) => Names.ContainsKey(char.ToUpperInvariant(key));
}
