using System.Globalization;
using Connector.Core.Channels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Connector.Worker.Simulation;

/// <summary>
/// Reads typed values out of a scenario's YAML nodes. A bad value is recorded (line, column, dotted field) and
/// read as null, so reading goes on and every mistake is reported at once.
/// </summary>
internal sealed class ScenarioReader(string file)
{
    private readonly List<ScenarioError> _errors = [];

    public void Error(YamlNode node, string field, string message) => Error(node.Start, field, message);

    public void Error(Mark at, string field, string message) =>
        _errors.Add(new ScenarioError(file, (int)at.Line, (int)at.Column, field, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ScenarioException([.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }
    }

    /// <summary><c>key:</c> with nothing after it, or <c>~</c> / <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" } scalar && scalar.Tag.IsEmpty;

    public static string Path(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>A mapping with named keys; an empty value is an empty mapping.</summary>
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

    /// <summary>A mapping with a fixed set of keys; an unknown key is reported with the allowed ones.</summary>
    public Dictionary<string, YamlNode> Fields(YamlNode node, string field, IReadOnlyList<string> allowed)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (name, key, value) in Entries(node, field))
        {
            if (allowed.Contains(name))
            {
                fields[name] = value;
            }
            else
            {
                Error(key, Path(field, name), $"unknown key; allowed: {string.Join(", ", allowed)}");
            }
        }

        return fields;
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

    public int? Int(YamlNode node, string field, int min, int max = int.MaxValue)
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
            Error(node, field, max == int.MaxValue ? $"must be at least {min} (got {value})" : $"must be between {min} and {max} (got {value})");
            return null;
        }

        return value;
    }

    /// <param name="positive">Zero is refused too.</param>
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

    /// <summary>Channel names are the wire names: voice, chat, whatsapp, email.</summary>
    public Channel? ChannelName(YamlNode node, string field)
    {
        var text = node is YamlScalarNode scalar ? scalar.Value : null;
        if (text is not null && ChannelNames.All.Contains(text))
        {
            return ChannelNames.Parse(text);
        }

        Error(node, field, $"unknown channel '{text ?? "(not a name)"}'; allowed: {string.Join(", ", ChannelNames.All)}");
        return null;
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
}
