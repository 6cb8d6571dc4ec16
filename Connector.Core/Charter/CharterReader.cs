using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Connector.Core.Channels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>
/// Reads typed values out of YAML nodes and records what is wrong with them, with the node's line and column and
/// the field's dotted path. It never throws on a bad value: it records the error and returns null, so reading goes
/// on and the admin sees every mistake at once. Other YAML files of the connector (simulation scenarios) are read
/// with it too, so their errors read the same.
/// </summary>
public sealed class CharterReader(string file)
{
    private readonly List<CharterError> errors = [];

    public string File { get; } = file;

    public void Error(YamlNode node, string field, string message) => Error(node.Start, field, message);

    public void Error(Mark at, string field, string message) =>
        errors.Add(new CharterError(File, (int)at.Line, (int)at.Column, field, message));

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new CharterException([.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }
    }

    /// <summary><c>key:</c> with nothing after it, or <c>~</c> / <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" } scalar
        && scalar.Tag.IsEmpty;

    /// <summary>A mapping whose keys the admin names (queues, journeys, skills…). An empty value is an empty mapping.</summary>
    public IEnumerable<(string Name, YamlNode Key, YamlNode Value)> Entries(YamlNode node, string field)
    {
        if (IsNull(node))
        {
            yield break;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node, field, "must be a mapping of names to values");
            yield break;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                Error(key, field, "a key must be a plain name");
                continue;
            }

            yield return (name, key, value);
        }
    }

    /// <summary>A mapping with a fixed set of keys; unknown ones are reported with the closest known key.</summary>
    public CharterFields Fields(YamlNode node, string field, IReadOnlyList<string> allowed, string what = "key")
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (name, key, value) in Entries(node, field))
        {
            if (allowed.Contains(name))
            {
                fields[name] = value;
                continue;
            }

            var suggestion = NameSuggestion.Closest(name, allowed);
            Error(key, Path(field, name), suggestion is null
                ? $"unknown {what}; allowed: {string.Join(", ", allowed)}"
                : $"unknown {what}; did you mean {suggestion}?");
        }

        return new CharterFields(field, fields);
    }

    public IEnumerable<(int Index, YamlNode Item)> Items(YamlNode node, string field)
    {
        if (IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, field, "must be a list");
            return [];
        }

        return sequence.Children.Select((item, index) => (index, item));
    }

    public string? Text(YamlNode node, string field)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, field, "must be a single value, not a list or mapping");
            return null;
        }

        if (IsNull(node) || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Error(node, field, "needs a value");
            return null;
        }

        return scalar.Value.Trim();
    }

    /// <param name="maxLabel">Says where the maximum comes from, e.g. "the profile's total".</param>
    [SuppressMessage("Naming", "CA1720", Justification = "Named after what it reads, like Text, Bool and Duration.")]
    public int? Int(YamlNode node, string field, int min, int max = int.MaxValue, string? maxLabel = null)
    {
        var text = Text(node, field);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(node, field, $"must be a whole number (got '{text}')");
            return null;
        }

        if (value < min || value > max)
        {
            var range = max == int.MaxValue
                ? $"must be at least {min}"
                : $"must be between {min} and {max}{(maxLabel is null ? "" : $", {maxLabel}")}";
            Error(node, field, $"{range} (got {value})");
            return null;
        }

        return value;
    }

    public double? PositiveNumber(YamlNode node, string field) => Number(node, field, positive: true);

    /// <param name="positive">Zero is refused too; otherwise 0 or more.</param>
    public double? Number(YamlNode node, string field, bool positive)
    {
        var text = Text(node, field);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Error(node, field, $"must be a number (got '{text}')");
            return null;
        }

        if (value < 0 || (positive && value == 0))
        {
            Error(node, field, $"must be {(positive ? "greater than 0" : "0 or more")} (got {text})");
            return null;
        }

        return value;
    }

    public bool? Bool(YamlNode node, string field)
    {
        var text = Text(node, field);
        if (text is null)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            Error(node, field, $"must be true or false (got '{text}')");
            return null;
        }

        return value;
    }

    /// <param name="positive">Zero is not allowed either (a zero offer time-out would never reach an agent).</param>
    public TimeSpan? Duration(YamlNode node, string field, bool positive = false)
    {
        var text = Text(node, field);
        if (text is null)
        {
            return null;
        }

        if (!CharterDuration.TryParse(text, out var value))
        {
            Error(node, field, $"not a duration (got '{text}'); write e.g. {CharterDuration.Examples}");
            return null;
        }

        if (value < TimeSpan.Zero || (positive && value == TimeSpan.Zero))
        {
            Error(node, field, $"must be {(positive ? "longer than 0s" : "0s or longer")} (got '{text}')");
            return null;
        }

        return value;
    }

    /// <summary>A duration or <c>none</c> (or an empty value): no target at all. False when the value is wrong.</summary>
    public bool TryOptionalDuration(YamlNode node, string field, out TimeSpan? value)
    {
        value = null;
        if (IsNull(node) || node is YamlScalarNode { Value: "none" })
        {
            return true;
        }

        value = Duration(node, field);
        return value is not null;
    }

    /// <summary>Channel names are exact (<c>voice</c>, not <c>Voice</c>): the charter uses the wire names.</summary>
    public Channel? ChannelName(YamlNode node, string field)
    {
        var text = node is YamlScalarNode scalar ? scalar.Value : null;
        if (text is not null && ChannelNames.All.Contains(text))
        {
            return ChannelNames.Parse(text);
        }

        Error(node, field, Unknown("channel", text ?? node.ToString(), ChannelNames.All));
        return null;
    }

    public T? Choice<T>(YamlNode node, string field, string what, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        var text = Text(node, field);
        if (text is null)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(node, field, Unknown(what, text, [.. choices.Keys]));
        return null;
    }

    /// <summary>Skill name → proficiency 1–10.</summary>
    public Dictionary<string, int> Skills(YamlNode node, string field)
    {
        var skills = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, _, value) in Entries(node, field))
        {
            if (Int(value, Path(field, name), 1, 10) is { } proficiency)
            {
                skills[name] = proficiency;
            }
        }

        return skills;
    }

    /// <summary>Channel → value, each channel key checked.</summary>
    public IEnumerable<(Channel Channel, string Field, YamlNode Value)> PerChannel(YamlNode node, string field)
    {
        foreach (var (name, key, value) in Entries(node, field))
        {
            if (ChannelName(key, Path(field, name)) is { } channel)
            {
                yield return (channel, Path(field, name), value);
            }
        }
    }

    /// <summary>A list of channel names, each once.</summary>
    public List<Channel> Channels(YamlNode node, string field)
    {
        var channels = new List<Channel>();
        foreach (var (index, item) in Items(node, field))
        {
            var itemField = $"{field}[{index}]";
            if (ChannelName(item, itemField) is not { } channel)
            {
                continue;
            }

            if (channels.Contains(channel))
            {
                Error(item, itemField, $"{channel.ToName()} is listed twice");
                continue;
            }

            channels.Add(channel);
        }

        return channels;
    }

    public static string Path(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <param name="label">How the known names are introduced: "allowed" for fixed ones, "defined" for the charter's own.</param>
    public static string Unknown(string what, string given, IReadOnlyList<string> known, string label = "allowed")
    {
        var suggestion = NameSuggestion.Closest(given, known);
        var hint = suggestion is null ? "" : $"; did you mean {suggestion}?";
        return $"unknown {what} '{given}'{hint} ({label}: {string.Join(", ", known)})";
    }
}
