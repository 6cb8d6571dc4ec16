using Connector.Core.Channels;
using Connector.Core.Routing.Policy;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>
/// <c>dispositions:</c> the codes agents choose from at wrap-up, each with the label the panel shows and, optionally,
/// the channels that offer it (default: all). Listing any makes them the only dispositions a wrap-up accepts.
/// </summary>
internal static class DispositionsSection
{
    public const string Name = "dispositions";

    /// <summary>A code travels to the CRM as a picklist value: short, and free of spaces so it is never retyped wrongly.</summary>
    public const int MaxCodeLength = 64;

    private static readonly string[] Keys = ["code", "label", "channels"];

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (index, item) in reader.Items(node, Name))
        {
            var field = $"{Name}[{index}]";
            if (item is not YamlMappingNode)
            {
                reader.Error(item, field, "must be a mapping: { code: resolved, label: Resolved }");
                continue;
            }

            var fields = reader.Fields(item, field, Keys);
            var code = Code(reader, item, fields, seen);
            string? label = null;
            if (fields.TryGet("label", out var n, out var f))
            {
                label = reader.Text(n, f);
            }
            else
            {
                reader.Error(item, f, "required: what the agent reads in the wrap-up list, e.g. Resolved");
            }

            IReadOnlyList<Channel> channels = Enum.GetValues<Channel>();
            if (fields.TryGet("channels", out n, out f))
            {
                var listed = reader.Channels(n, f);
                if (listed.Count == 0 && (n is YamlSequenceNode || CharterReader.IsNull(n)))
                {
                    reader.Error(n, f, "must name at least one channel; leave channels out to offer it on every channel");
                }

                channels = listed;
            }

            if (code is not null && label is not null)
            {
                draft.Dispositions.Add(new Disposition(code, label, channels));
            }
        }
    }

    private static string? Code(CharterReader reader, YamlNode item, CharterFields fields, Dictionary<string, string> seen)
    {
        if (!fields.TryGet("code", out var node, out var field))
        {
            reader.Error(item, field, "required: the value stored with the interaction, e.g. resolved");
            return null;
        }

        if (reader.Text(node, field) is not { } code)
        {
            return null;
        }

        if (code.Length > MaxCodeLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            reader.Error(node, field, $"a code is up to {MaxCodeLength} letters, digits, '-', '_' or '.', without spaces (got '{code}')");
            return null;
        }

        if (seen.TryGetValue(code, out var first))
        {
            reader.Error(node, field, $"'{code}' is listed twice (first at {first})");
            return null;
        }

        seen[code] = field;
        return code;
    }
}
