using Connector.Core.Charter;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Bot;

/// <summary>
/// Reads a bot's FAQ file: <c>language</c>, then <c>entries</c>, each with <c>id</c>, <c>question</c>, <c>answer</c>
/// and <c>utterances</c> (the ways customers ask it). Mistakes are reported all at once with file, line and field, as
/// the charter's are.
/// </summary>
public static class FaqLoader
{
    private static readonly string[] TopKeys = ["language", "entries"];
    private static readonly string[] EntryKeys = ["id", "question", "answer", "utterances"];

    public static IReadOnlyList<FaqEntry> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CharterException([new CharterError(path, 0, 0, "", $"cannot be read: {e.Message}")]);
        }

        return Parse(yaml, path);
    }

    public static IReadOnlyList<FaqEntry> Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new CharterReader(fileName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new CharterException([new CharterError(fileName, (int)e.Start.Line, (int)e.Start.Column, "", $"YAML syntax error: {e.Message}")]);
        }

        var entries = new List<FaqEntry>();
        if (stream.Documents.Count == 0)
        {
            throw new CharterException([new CharterError(fileName, 0, 0, "", "an FAQ needs language and entries")]);
        }

        var root = stream.Documents[0].RootNode;
        var fields = reader.Fields(root, "", TopKeys);
        var language = fields.TryGet("language", out var n, out var f) ? reader.Text(n, f) ?? "en" : "en";
        if (!fields.TryGet("entries", out n, out f))
        {
            reader.Error(root, "entries", "required: the FAQ's entries");
        }
        else
        {
            foreach (var (index, item) in reader.Items(n, f))
            {
                var field = $"{f}[{index}]";
                var entry = reader.Fields(item, field, EntryKeys);
                string? Required(string key)
                {
                    if (entry.TryGet(key, out var node, out var path))
                    {
                        return reader.Text(node, path);
                    }

                    reader.Error(item, CharterReader.Path(field, key), "required");
                    return null;
                }

                var id = Required("id");
                var question = Required("question");
                var answer = Required("answer");
                var utterances = new List<string>();
                if (entry.TryGet("utterances", out var u, out var uf))
                {
                    utterances.AddRange(reader.Items(u, uf).Select(i => reader.Text(i.Item, $"{uf}[{i.Index}]")).OfType<string>());
                }

                if (id is not null && entries.Any(e => e.Id == id))
                {
                    reader.Error(item, CharterReader.Path(field, "id"), $"'{id}' is used by an earlier entry");
                }
                else if (id is not null && BotIntents.IntentOf(id) is not null)
                {
                    reader.Error(item, CharterReader.Path(field, "id"), "ids starting with 'intent:' are the bot's own");
                }
                else if (id is not null && question is not null && answer is not null)
                {
                    entries.Add(new FaqEntry(id, language, question, utterances, answer));
                }
            }
        }

        reader.ThrowIfAny();
        return entries;
    }
}
