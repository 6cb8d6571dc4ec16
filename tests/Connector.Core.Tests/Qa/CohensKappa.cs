namespace Connector.Core.Tests.Qa;

/// <summary>Agreement between two raters beyond chance, over nominal answers (yes, no, n/a).</summary>
internal static class CohensKappa
{
    /// <returns>κ; 1 when both raters gave one and the same answer to every item (chance agreement is then 1 too).</returns>
    public static double Of(IReadOnlyList<(string A, string B)> pairs)
    {
        if (pairs.Count == 0)
        {
            return double.NaN;
        }

        double n = pairs.Count;
        var observed = pairs.Count(p => p.A == p.B) / n;
        var categories = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct(StringComparer.Ordinal);
        var chance = categories.Sum(c => pairs.Count(p => p.A == c) / n * (pairs.Count(p => p.B == c) / n));
        return chance >= 1 ? (observed >= 1 ? 1 : 0) : (observed - chance) / (1 - chance);
    }
}
