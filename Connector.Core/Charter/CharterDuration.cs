using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Connector.Core.Charter;

/// <summary>Durations as admins write them (<c>20s</c>, <c>1m30s</c>, <c>2h</c>, <c>1d</c>) or as .NET TimeSpan text (<c>00:00:20</c>).</summary>
internal static partial class CharterDuration
{
    public const string Examples = "20s, 5m, 2h, 1d, 1m30s or 00:00:20";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        // Only TimeSpan text with a colon: a bare "5" would parse as five days, which nobody means.
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out duration);
        }

        var match = UnitsPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        try
        {
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var unit = part.Value[^1];
                var amount = long.Parse(part.Value.AsSpan(0, part.Value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
                duration += unit switch
                {
                    'd' => TimeSpan.FromDays(amount),
                    'h' => TimeSpan.FromHours(amount),
                    'm' => TimeSpan.FromMinutes(amount),
                    _ => TimeSpan.FromSeconds(amount),
                };
            }
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return false;
        }

        return true;
    }

    /// <summary>The shortest charter spelling, for messages: <c>1m30s</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        if (duration < TimeSpan.Zero || duration.Milliseconds != 0)
        {
            return duration.ToString("c", CultureInfo.InvariantCulture);
        }

        var text = new StringBuilder();
        Append(text, duration.Days, 'd');
        Append(text, duration.Hours, 'h');
        Append(text, duration.Minutes, 'm');
        Append(text, duration.Seconds, 's');
        return text.ToString();
    }

    private static void Append(StringBuilder text, int amount, char unit)
    {
        if (amount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{amount}{unit}");
        }
    }

    // Units from largest to smallest, each at most once: "1h30m", not "30m1h" or "1m1m".
    [GeneratedRegex(@"^(?<part>\d+d)?(?<part>\d+h)?(?<part>\d+m)?(?<part>\d+s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitsPattern();
}
