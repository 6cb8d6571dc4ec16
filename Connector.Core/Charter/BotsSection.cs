using Connector.Core.Bot;
using Connector.Core.Channels;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>
/// <c>bots:</c> per journey, the bot that meets web-chat and WhatsApp messages before routing: its FAQ file (relative
/// to the charter), threshold, sensitive intents and hand-off routing.
/// </summary>
internal static class BotsSection
{
    public const string Name = "bots";

    private static readonly string[] Keys = ["enabled", "channels", "faq", "language", "threshold", "sensitiveIntents", "handOff"];
    private static readonly string[] IntentKeys = ["phrases", "handOff"];
    private static readonly string[] HandOffKeys = ["journey", "priority"];
    private static readonly Channel[] BotChannels = [Channel.Chat, Channel.WhatsApp];

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        foreach (var (journey, key, value) in reader.Entries(node, Name))
        {
            var field = CharterReader.Path(Name, journey);
            draft.JourneyReferences.Add(new CharterReference(journey, key, field));
            var fields = reader.Fields(value, field, Keys);

            var enabled = true;
            if (fields.TryGet("enabled", out var n, out var f) && reader.Bool(n, f) is { } on)
            {
                enabled = on;
            }

            var channels = BotChannels.ToList();
            if (fields.TryGet("channels", out n, out f))
            {
                channels = reader.Channels(n, f);
                foreach (var wrong in channels.Where(c => !BotChannels.Contains(c)))
                {
                    reader.Error(n, f, $"the bot answers chat and whatsapp only, not {wrong.ToName()}");
                }
            }

            string? faq = null;
            if (fields.TryGet("faq", out n, out f))
            {
                if (reader.Text(n, f) is { } given)
                {
                    faq = Resolve(reader.File, given);
                    if (enabled && !File.Exists(faq))
                    {
                        reader.Error(n, f, $"no FAQ file at {faq}");
                    }
                }
            }
            else
            {
                reader.Error(key, CharterReader.Path(field, "faq"), "required: the FAQ file the bot answers from, e.g. faq/support.en.yaml");
            }

            var language = "en";
            if (fields.TryGet("language", out n, out f) && reader.Text(n, f) is { } lang)
            {
                language = lang;
            }

            var threshold = BotPolicy.DefaultThreshold;
            if (fields.TryGet("threshold", out n, out f) && reader.Number(n, f, positive: true) is { } t)
            {
                if (t >= 1)
                {
                    reader.Error(n, f, $"must be below 1 (got {t}); retrieval scores run from 0 to 1");
                }

                threshold = t;
            }

            var intents = new List<SensitiveIntent>();
            if (fields.TryGet("sensitiveIntents", out n, out f))
            {
                foreach (var (intent, intentKey, intentValue) in reader.Entries(n, f))
                {
                    var intentField = CharterReader.Path(f, intent);
                    if (intent == BotIntents.Person)
                    {
                        reader.Error(intentKey, intentField, $"'{BotIntents.Person}' is built in (asking for a person); name the topic otherwise");
                        continue;
                    }

                    var intentFields = reader.Fields(intentValue, intentField, IntentKeys);
                    var phrases = new List<string>();
                    if (intentFields.TryGet("phrases", out var p, out var pf))
                    {
                        phrases.AddRange(reader.Items(p, pf).Select(i => reader.Text(i.Item, $"{pf}[{i.Index}]")).OfType<string>());
                    }

                    if (phrases.Count == 0)
                    {
                        reader.Error(intentValue, CharterReader.Path(intentField, "phrases"), "required: example phrases that raise this topic");
                    }

                    var rule = intentFields.TryGet("handOff", out var h, out var hf) ? ReadHandOff(reader, h, hf, draft) : null;
                    intents.Add(new SensitiveIntent(intent, phrases, rule));
                }
            }

            var handOff = fields.TryGet("handOff", out n, out f) ? ReadHandOff(reader, n, f, draft) : BotHandOffRule.Default;
            if (faq is not null)
            {
                draft.Bots[journey] = new BotPolicy(journey, enabled, channels, faq, language, threshold, intents, handOff);
            }
        }
    }

    private static BotHandOffRule ReadHandOff(CharterReader reader, YamlNode node, string field, CharterDraft draft)
    {
        var fields = reader.Fields(node, field, HandOffKeys);
        string? journey = null;
        if (fields.TryGet("journey", out var n, out var f) && reader.Text(n, f) is { } named)
        {
            journey = named;
            draft.JourneyReferences.Add(new CharterReference(named, n, f));
        }

        var priority = 0;
        if (fields.TryGet("priority", out n, out f) && reader.Int(n, f, -100, 100) is { } p)
        {
            priority = p;
        }

        return new BotHandOffRule(journey, priority);
    }

    // A relative path is the charter's neighbour, wherever the Worker was started from.
    private static string Resolve(string charterFile, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(charterFile)) ?? ".", path));
}
