using System.Globalization;

namespace Connector.Load;

/// <summary>p50/p99/max of a set of durations in milliseconds (nearest rank on the sorted values: no interpolation).</summary>
public sealed record Percentiles(int Count, double P50, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.ToArray();
        Array.Sort(sorted);
        return sorted.Length == 0
            ? new Percentiles(0, double.NaN, double.NaN, double.NaN)
            : new Percentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => Count == 0
        ? "n/a (none)"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {Ms(P50)}  p99 {Ms(P99)}  max {Ms(Max)}  (n={Count})");

    private static string Ms(double ms) => ms >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.00} s")
        : string.Create(CultureInfo.InvariantCulture, $"{ms:0.0} ms");
}
