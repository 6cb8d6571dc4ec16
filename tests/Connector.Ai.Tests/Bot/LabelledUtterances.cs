namespace Connector.Ai.Tests.Bot;

/// <summary>tests/datasets/contact-centre/bot-utterances.tsv, split as its header says: every third message held out.</summary>
internal static class LabelledUtterances
{
    public const string HandOff = "HAND-OFF";

    public static string Folder { get; } = FindFolder();

    public static (IReadOnlyList<(string Label, string Text)> Calibration, IReadOnlyList<(string Label, string Text)> HeldOut) Load()
    {
        var all = File.ReadAllLines(Path.Combine(Folder, "bot-utterances.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t', 2))
            .Select(p => (Label: p[0], Text: p[1]))
            .ToList();
        return ([.. all.Where((_, i) => (i + 1) % 3 != 0)], [.. all.Where((_, i) => (i + 1) % 3 == 0)]);
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "datasets", "contact-centre");
            if (File.Exists(Path.Combine(candidate, "bot-utterances.tsv")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/datasets/contact-centre/bot-utterances.tsv not found above the test output.");
    }
}
