using System.Globalization;
using Connector.Core.Channels;
using Connector.Core.Qa;

namespace Connector.Core.Tests.Qa;

/// <summary>One hand-labelled interaction of <c>Labelled/interactions.txt</c>: its turns and the reviewer's answers.</summary>
internal sealed record LabelledInteraction(string Id, QaInteraction Interaction, IReadOnlyDictionary<string, string> Labels)
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The committed set, read from the source tree (it is test data, not a build output).</summary>
    public static IReadOnlyList<LabelledInteraction> Load(string file = "interactions.txt") => Parse(File.ReadAllLines(Path.Combine(Folder(), file)));

    public static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Connector.Core.Tests", "Qa", "Labelled");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Connector.Core.Tests/Qa/Labelled not found above the test output.");
    }

    private static List<LabelledInteraction> Parse(string[] lines)
    {
        var set = new List<LabelledInteraction>();
        string? id = null;
        Channel channel = default;
        Dictionary<string, string> labels = [];
        List<QaTurn> turns = [];
        foreach (var (line, number) in lines.Select((l, i) => (l.Trim(), i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("== ", StringComparison.Ordinal))
            {
                Flush();
                var head = line[3..].Split(' ');
                (id, channel, labels, turns) = (head[0], ChannelNames.Parse(head[1]), [], []);
            }
            else if (line.StartsWith("labels:", StringComparison.Ordinal))
            {
                labels = line["labels:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            }
            else
            {
                var parts = line.Split(' ', 3);
                if (parts.Length < 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    throw new FormatException($"interactions.txt:{number}: expected '<seconds> <speaker> <text>'");
                }

                var speaker = parts[1] switch
                {
                    "customer" => QaSpeaker.Customer,
                    "agent" => QaSpeaker.Agent,
                    "system" => QaSpeaker.System,
                    _ => throw new FormatException($"interactions.txt:{number}: unknown speaker '{parts[1]}'"),
                };
                turns.Add(new QaTurn(turns.Count, speaker, Start.AddSeconds(seconds), parts[2], $"{id}#{turns.Count}"));
            }
        }

        Flush();
        return set;

        void Flush()
        {
            if (id is not null)
            {
                set.Add(new LabelledInteraction(id, new QaInteraction(channel, null, turns), labels));
            }
        }
    }
}
