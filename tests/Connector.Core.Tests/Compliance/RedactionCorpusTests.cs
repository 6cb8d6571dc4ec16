using System.Globalization;
using Connector.Core.Compliance;

namespace Connector.Core.Tests.Compliance;

/// <summary>The acceptance figures for redaction: every generated positive masked, at most 0.5% of look-alikes touched.</summary>
public sealed class RedactionCorpusTests(ITestOutputHelper output)
{
    private readonly SensitiveDataRedactor _redactor = new();

    [Fact]
    public void Every_positive_of_the_corpus_is_redacted_and_almost_no_near_miss_is_touched()
    {
        var corpus = new RedactionCorpus(seed: 14);
        var positives = corpus.Positives().ToList();
        var nearMisses = corpus.NearMisses().ToList();

        var missed = positives.Where(p => Survives(p)).ToList();
        var touched = nearMisses.Where(n => _redactor.Redact(n.Text) != n.Text).ToList();

        foreach (var kind in positives.GroupBy(p => p.Kind))
        {
            output.WriteLine($"positives {kind.Key}: {kind.Count()}, redacted {kind.Count(p => !Survives(p))}");
        }

        foreach (var kind in nearMisses.GroupBy(n => n.Kind))
        {
            output.WriteLine($"near misses {kind.Key}: {kind.Count()}, touched {kind.Count(n => _redactor.Redact(n.Text) != n.Text)}");
        }

        var touchedRate = (double)touched.Count / nearMisses.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"positives: {positives.Count}, redacted {positives.Count - missed.Count} ({100.0 * (positives.Count - missed.Count) / positives.Count:0.00}%); near misses: {nearMisses.Count}, touched {touched.Count} ({100 * touchedRate:0.00}%)"));
        foreach (var p in missed.Take(20))
        {
            output.WriteLine($"missed {p.Kind}: {p.Text} -> {_redactor.Redact(p.Text)}");
        }

        foreach (var n in touched.Take(20))
        {
            output.WriteLine($"touched {n.Kind}: {n.Text} -> {_redactor.Redact(n.Text)}");
        }

        Assert.True(positives.Count >= 1000, $"{positives.Count} positives");
        Assert.True(nearMisses.Count >= 1000, $"{nearMisses.Count} near misses");
        Assert.Empty(missed);
        Assert.True(touchedRate <= 0.005, $"{touched.Count} of {nearMisses.Count} near misses touched");
    }

    /// <summary>Whether any of the value is left: its characters in order, once separators and words are set aside.</summary>
    private bool Survives(RedactionCorpus.Positive positive)
    {
        var redacted = _redactor.Redact(positive.Text)!;
        var kept = new string([.. redacted.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
        return kept.Contains(positive.Secret, StringComparison.Ordinal) || !redacted.Contains("redacted]", StringComparison.Ordinal)
            || (positive.Kind is "card" or "cvv" && Spelled(redacted).Contains(positive.Secret, StringComparison.Ordinal));
    }

    /// <summary>The digits left in a text, spoken ones included.</summary>
    private static string Spelled(string text)
    {
        string[] words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        var digits = new System.Text.StringBuilder();
        foreach (var token in text.Split([' ', ',', '-', '.', '/'], StringSplitOptions.RemoveEmptyEntries))
        {
            var index = Array.IndexOf(words, token.ToLowerInvariant());
            if (index >= 0)
            {
                digits.Append((char)('0' + index));
            }
            else
            {
                digits.Append(token.Where(char.IsAsciiDigit).ToArray());
            }
        }

        return digits.ToString();
    }
}
