using Connector.Core.Voice;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary><c>voice:</c> consent announcement and recording per region, the IVR menu, queue announcements, recording retention.</summary>
internal static class VoiceSection
{
    public const string Name = "voice";

    private static readonly string[] Keys = ["consent", "ivr", "queue", "recording"];
    private static readonly string[] ConsentKeys = ["announcement", "record", "optOutDigit", "regions"];
    private static readonly string[] TermsKeys = ["announcement", "record", "optOutDigit"];
    private static readonly string[] IvrKeys = ["prompt", "retryPrompt", "options", "timeout", "attempts", "fallback"];
    private static readonly string[] QueueKeys = ["announcement", "musicOnHold"];
    private static readonly string[] RecordingKeys = ["retention"];

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        var fields = reader.Fields(node, Name, Keys);
        var policy = VoicePolicy.Default;
        if (fields.TryGet("consent", out var n, out var f))
        {
            policy = policy with { Consent = Consent(reader, n, f) };
        }

        if (fields.TryGet("ivr", out n, out f))
        {
            policy = policy with { Ivr = Ivr(reader, n, f, draft) };
        }

        if (fields.TryGet("queue", out n, out f))
        {
            var queue = reader.Fields(n, f, QueueKeys);
            policy = policy with
            {
                Queue = new QueueAnnouncements(
                    queue.TryGet("announcement", out var a, out var af) ? reader.Text(a, af) : null,
                    queue.TryGet("musicOnHold", out var m, out var mf) ? AudioUrl(reader, m, mf) : null),
            };
        }

        if (fields.TryGet("recording", out n, out f))
        {
            var recording = reader.Fields(n, f, RecordingKeys);
            if (recording.TryGet("retention", out var r, out var rf) && reader.Duration(r, rf) is { } retention)
            {
                policy = policy with { RecordingRetention = retention };
            }
        }

        draft.Voice = policy;
    }

    private static ConsentPolicy Consent(CharterReader reader, YamlNode node, string field)
    {
        var fields = reader.Fields(node, field, ConsentKeys);
        var defaults = Terms(reader, fields, inherited: null);
        var regions = new Dictionary<string, ConsentTerms>(StringComparer.OrdinalIgnoreCase);
        if (fields.TryGet("regions", out var r, out var rf))
        {
            foreach (var (name, key, value) in reader.Entries(r, rf))
            {
                var regionField = CharterReader.Path(rf, name);
                if (name.Length != 2 || !name.All(char.IsAsciiLetterUpper))
                {
                    reader.Error(key, regionField, $"a region is a two-letter ISO code in capitals, e.g. GB or DE (got '{name}')");
                    continue;
                }

                regions[name] = Terms(reader, reader.Fields(value, regionField, TermsKeys), defaults);
            }
        }

        return new ConsentPolicy(defaults, regions);
    }

    /// <param name="inherited">What a region leaves out comes from here (the default terms).</param>
    private static ConsentTerms Terms(CharterReader reader, CharterFields fields, ConsentTerms? inherited)
    {
        var terms = inherited ?? ConsentPolicy.None.Default;
        if (fields.TryGet("announcement", out var n, out var f))
        {
            terms = terms with { Announcement = reader.Text(n, f) };
        }

        if (fields.TryGet("record", out n, out f) && reader.Bool(n, f) is { } record)
        {
            terms = terms with { Record = record };
        }

        if (fields.TryGet("optOutDigit", out n, out f))
        {
            terms = terms with { OptOutDigit = Digit(reader, n, f) };
        }

        return terms;
    }

    private static IvrMenu? Ivr(CharterReader reader, YamlNode node, string field, CharterDraft draft)
    {
        if (CharterReader.IsNull(node))
        {
            return null;
        }

        var fields = reader.Fields(node, field, IvrKeys);
        string? prompt = null;
        if (fields.TryGet("prompt", out var n, out var f))
        {
            prompt = reader.Text(n, f);
        }
        else
        {
            reader.Error(node, CharterReader.Path(field, "prompt"), "is required: what the caller hears, e.g. \"For billing press 1\"");
        }

        var options = new Dictionary<char, string>();
        if (fields.TryGet("options", out n, out f))
        {
            foreach (var (name, key, value) in reader.Entries(n, f))
            {
                var optionField = CharterReader.Path(f, name);
                if (name.Length != 1 || !DtmfTones.IsKey(name[0]))
                {
                    reader.Error(key, optionField, $"a menu key is one of 0-9, * or # (got '{name}')");
                    continue;
                }

                if (reader.Text(value, optionField) is { } journey)
                {
                    options[name[0]] = journey;
                    draft.JourneyReferences.Add(new CharterReference(journey, value, optionField));
                }
            }
        }

        if (options.Count == 0)
        {
            reader.Error(node, CharterReader.Path(field, "options"), "needs at least one key: journey, e.g. \"1\": billing");
        }

        var timeout = fields.TryGet("timeout", out n, out f) ? reader.Duration(n, f, positive: true) : null;
        var attempts = fields.TryGet("attempts", out n, out f) ? reader.Int(n, f, 1, 5) : null;
        string? fallback = null;
        if (fields.TryGet("fallback", out n, out f) && reader.Text(n, f) is { } journeyName)
        {
            fallback = journeyName;
            draft.JourneyReferences.Add(new CharterReference(journeyName, n, f));
        }

        var retry = fields.TryGet("retryPrompt", out n, out f) ? reader.Text(n, f) : null;
        return prompt is null ? null : new IvrMenu(prompt, options, retry, timeout ?? TimeSpan.FromSeconds(5), attempts ?? 2, fallback);
    }

    private static char? Digit(CharterReader reader, YamlNode node, string field)
    {
        var text = reader.Text(node, field);
        if (text is null)
        {
            return null;
        }

        if (text.Length != 1 || !DtmfTones.IsKey(text[0]))
        {
            reader.Error(node, field, $"must be one key: 0-9, * or # (got '{text}')");
            return null;
        }

        return text[0];
    }

    private static string? AudioUrl(CharterReader reader, YamlNode node, string field)
    {
        var text = reader.Text(node, field);
        if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            reader.Error(node, field, $"must be an http(s) URL of an audio file (got '{text}')");
            return null;
        }

        return text;
    }
}
