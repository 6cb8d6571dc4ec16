using System.Text.RegularExpressions;
using Connector.Core.Compliance;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>
/// <c>redaction:</c> what else is masked besides cards, IBANs and national ids, per region (a two-letter ISO code):
/// a list of <c>{name, pattern, mask}</c>, the pattern a .NET regular expression. Each is compiled here, so a pattern
/// that does not parse, or one that would match empty text, stops start-up with its line instead of failing on a
/// customer's message.
/// </summary>
internal static class RedactionSection
{
    public const string Name = "redaction";

    private static readonly string[] Keys = ["name", "pattern", "mask"];

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        foreach (var (region, key, value) in reader.Entries(node, Name))
        {
            var regionField = CharterReader.Path(Name, region);
            if (region.Length != 2 || !region.All(char.IsAsciiLetterUpper))
            {
                reader.Error(key, regionField, $"a region is a two-letter ISO code in capitals, e.g. GB or DE (got '{region}')");
                continue;
            }

            foreach (var (index, item) in reader.Items(value, regionField))
            {
                var field = $"{regionField}[{index}]";
                if (item is not YamlMappingNode)
                {
                    reader.Error(item, field, "must be a mapping: { name: tax id, pattern: '\\d{11}', mask: '[tax id redacted]' }");
                    continue;
                }

                if (Pattern(reader, region, item, reader.Fields(item, field, Keys)) is { } pattern)
                {
                    draft.Redaction.Add(pattern);
                }
            }
        }
    }

    private static RedactionPattern? Pattern(CharterReader reader, string region, YamlNode item, CharterFields fields)
    {
        string? name = null;
        if (fields.TryGet("name", out var n, out var f))
        {
            name = reader.Text(n, f);
        }
        else
        {
            reader.Error(item, f, "required: what the pattern finds, e.g. tax id");
        }

        Regex? regex = null;
        if (!fields.TryGet("pattern", out n, out f))
        {
            reader.Error(item, f, "required: a regular expression for the value, e.g. '\\b\\d{11}\\b'");
        }
        else if (reader.Text(n, f) is { } text)
        {
            regex = Compile(reader, n, f, text);
        }

        var mask = fields.TryGet("mask", out n, out f) ? reader.Text(n, f) : null;
        return name is null || regex is null ? null : new RedactionPattern(region, name, regex, mask ?? RedactionMasks.For(name));
    }

    private static Regex? Compile(CharterReader reader, YamlNode node, string field, string text)
    {
        Regex regex;
        try
        {
            regex = RedactionPattern.Compile(text);
        }
        catch (ArgumentException e)
        {
            reader.Error(node, field, $"is not a valid regular expression: {e.Message}");
            return null;
        }

        if (regex.IsMatch(""))
        {
            reader.Error(node, field, $"matches empty text, so it would mask nothing useful and everything around it ('{text}'); require at least one character");
            return null;
        }

        return regex;
    }
}
