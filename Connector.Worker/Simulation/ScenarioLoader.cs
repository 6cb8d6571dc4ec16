using Connector.Core.Channels;
using Connector.Core.Charter;
using Connector.Core.Routing.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Connector.Worker.Simulation;

/// <summary>
/// Reads a scenario file (see the README, "Simulate") with the charter's <see cref="CharterReader"/>. Every mistake
/// is reported at once in one <see cref="CharterException"/>, each as <c>file:line:column: field: message</c>.
/// </summary>
internal static class ScenarioLoader
{
    private static readonly string[] TopKeys = ["durationHours", "warmupHours", "seed", "charter", "channels", "agents"];
    private static readonly string[] ChannelKeys = ["arrivalsPerHour", "meanHandleSeconds", "slaSeconds", "meanPatienceSeconds"];
    private static readonly string[] GroupKeys = ["name", "count", "capacity", "skills", "languages", "channels"];
    private static readonly string[] CapacityKeys = ["total", "cost", "maxPerChannel", "mayInterrupt"];

    public static Scenario Load(string path)
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

        return Parse(yaml, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <param name="fileName">Named in every error.</param>
    /// <param name="baseDirectory">Where a relative <c>charter:</c> path starts.</param>
    public static Scenario Parse(string yaml, string fileName, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new CharterReader(fileName);
        var root = ReadRoot(yaml, fileName);
        if (root is null || CharterReader.IsNull(root))
        {
            throw new CharterException([new CharterError(fileName, 0, 0, "", "the scenario is empty; it needs at least durationHours, channels and agents")]);
        }

        if (root is not YamlMappingNode)
        {
            throw new CharterException([new CharterError(fileName, (int)root.Start.Line, (int)root.Start.Column, "", "must be a mapping with at least durationHours, channels and agents")]);
        }

        var fields = reader.Fields(root, "", TopKeys);
        var duration = Required(reader, root, fields, "durationHours", (n, f) => reader.Number(n, f, positive: true));
        var warmup = fields.TryGet("warmupHours", out var warmupNode, out var warmupField) ? reader.Number(warmupNode, warmupField, positive: false) : 0;
        if (duration is { } d && warmup is { } w && w >= d)
        {
            reader.Error(warmupNode!, warmupField, $"must be shorter than durationHours ({d}), or nothing is measured");
        }

        var seed = fields.TryGet("seed", out var seedNode, out var seedField) ? reader.Int(seedNode, seedField, int.MinValue) : 1;
        string? charter = null;
        string? charterPath = null;
        if (fields.TryGet("charter", out var charterNode, out var charterField) && !CharterReader.IsNull(charterNode))
        {
            charter = reader.Text(charterNode, charterField);
            if (charter is not null)
            {
                charterPath = Path.GetFullPath(Path.Combine(baseDirectory, charter));
                if (!File.Exists(charterPath))
                {
                    reader.Error(charterNode, charterField, $"file not found: {charterPath} (a relative path starts at the scenario's folder)");
                }
            }
        }

        var channels = fields.TryGet("channels", out var channelsNode, out _) ? ReadChannels(reader, channelsNode) : [];
        if (channelsNode is null or YamlMappingNode { Children.Count: 0 } || CharterReader.IsNull(channelsNode))
        {
            reader.Error(channelsNode ?? root, "channels", "needs at least one channel, e.g. voice: { arrivalsPerHour: 100, meanHandleSeconds: 180, slaSeconds: 20 }");
        }

        var agents = fields.TryGet("agents", out var agentsNode, out _) ? ReadAgents(reader, agentsNode) : [];
        if (agentsNode is null or YamlSequenceNode { Children.Count: 0 } || CharterReader.IsNull(agentsNode))
        {
            reader.Error(agentsNode ?? root, "agents", "needs at least one group, e.g. - { count: 6, channels: [voice] }");
        }

        reader.ThrowIfAny();
        return new Scenario(duration!.Value, warmup!.Value, seed!.Value, channels, agents)
        {
            Source = fileName,
            Charter = charter,
            CharterPath = charterPath,
        };
    }

    private static List<ChannelLoad> ReadChannels(CharterReader reader, YamlNode node)
    {
        var loads = new List<ChannelLoad>();
        foreach (var (channel, field, value) in reader.PerChannel(node, "channels"))
        {
            var fields = reader.Fields(value, field, ChannelKeys);
            var arrivals = Required(reader, value, fields, "arrivalsPerHour", (n, f) => reader.Number(n, f, positive: false));
            var handle = Required(reader, value, fields, "meanHandleSeconds", (n, f) => reader.Number(n, f, positive: true));
            var sla = Required(reader, value, fields, "slaSeconds", (n, f) => reader.Number(n, f, positive: false));
            var patience = fields.TryGet("meanPatienceSeconds", out var p, out var patienceField) ? reader.Number(p, patienceField, positive: false) : 0;
            if (arrivals is not null && handle is not null && sla is not null && patience is not null)
            {
                loads.Add(new ChannelLoad(channel, arrivals.Value, handle.Value, sla.Value, patience.Value));
            }
        }

        return loads;
    }

    private static List<AgentGroup> ReadAgents(CharterReader reader, YamlNode node)
    {
        var groups = new List<AgentGroup>();
        foreach (var (index, item) in reader.Items(node, "agents"))
        {
            var field = $"agents[{index}]";
            var fields = reader.Fields(item, field, GroupKeys);
            var name = fields.TryGet("name", out var nameNode, out var nameField) ? reader.Text(nameNode, nameField) : $"group-{index + 1}";
            if (name is not null && groups.Any(g => g.Name == name))
            {
                reader.Error(nameNode ?? item, nameField, $"another group is already named '{name}'");
            }

            var count = Required(reader, item, fields, "count", (n, f) => reader.Int(n, f, 1));
            var capacity = fields.TryGet("capacity", out var capacityNode, out var capacityField)
                ? ReadCapacity(reader, capacityNode, capacityField, name ?? field)
                : CapacityProfile.Standard with { Name = name ?? field };
            var skills = fields.TryGet("skills", out var skillsNode, out var skillsField)
                ? reader.Skills(skillsNode, skillsField)
                : new Dictionary<string, int>(StringComparer.Ordinal);

            var languages = new List<string>();
            if (fields.TryGet("languages", out var languagesNode, out var languagesField))
            {
                foreach (var (i, language) in reader.Items(languagesNode, languagesField))
                {
                    if (reader.Text(language, $"{languagesField}[{i}]") is { } text)
                    {
                        languages.Add(text);
                    }
                }
            }

            List<Channel>? channels = null;
            if (fields.TryGet("channels", out var channelsNode, out var channelsField))
            {
                channels = reader.Channels(channelsNode, channelsField);
                if (channelsNode is YamlSequenceNode { Children.Count: 0 } || CharterReader.IsNull(channelsNode))
                {
                    reader.Error(channelsNode, channelsField, "needs at least one channel (leave it out for every channel the capacity has a cost for)");
                }
            }

            if (capacity is not null)
            {
                if (channels is null)
                {
                    channels = [.. Enum.GetValues<Channel>().Where(capacity.Cost.ContainsKey)];
                    if (channels.Count == 0)
                    {
                        reader.Error(capacityNode ?? item, capacityField, "cost names no channel, so these agents could never take work");
                    }
                }

                foreach (var channel in channels)
                {
                    if (!capacity.Cost.TryGetValue(channel, out var cost))
                    {
                        reader.Error(channelsNode ?? item, channelsField, $"{channel.ToName()} has no cost in capacity.cost, so these agents could never take it");
                    }
                    else if (cost > capacity.Total)
                    {
                        reader.Error(capacityNode ?? item, capacityField, $"{channel.ToName()} costs {cost}, more than the total of {capacity.Total}, so these agents could never take it");
                    }
                }
            }

            if (name is not null && count is not null && capacity is not null && channels is { Count: > 0 })
            {
                groups.Add(new AgentGroup(name, count.Value, capacity, channels, skills, languages));
            }
        }

        return groups;
    }

    private static CapacityProfile? ReadCapacity(CharterReader reader, YamlNode node, string field, string profileName)
    {
        var fields = reader.Fields(node, field, CapacityKeys);
        var total = fields.TryGet("total", out var totalNode, out var totalField) ? reader.Int(totalNode, totalField, 1) : CapacityProfile.Standard.Total;
        if (total is null)
        {
            return null;
        }

        var cost = new Dictionary<Channel, int>();
        if (fields.TryGet("cost", out var costNode, out var costField))
        {
            foreach (var (channel, channelField, value) in reader.PerChannel(costNode, costField))
            {
                if (reader.Int(value, channelField, 1, total.Value) is { } units)
                {
                    cost[channel] = units;
                }
            }
        }
        else
        {
            foreach (var (channel, units) in CapacityProfile.Standard.Cost)
            {
                cost[channel] = units;
            }
        }

        var maxPerChannel = new Dictionary<Channel, int>();
        if (fields.TryGet("maxPerChannel", out var maxNode, out var maxField))
        {
            foreach (var (channel, channelField, value) in reader.PerChannel(maxNode, maxField))
            {
                if (reader.Int(value, channelField, 1) is { } max)
                {
                    maxPerChannel[channel] = max;
                }
            }
        }

        var mayInterrupt = new Dictionary<Channel, IReadOnlySet<Channel>>();
        if (fields.TryGet("mayInterrupt", out var interruptNode, out var interruptField))
        {
            foreach (var (channel, channelField, value) in reader.PerChannel(interruptNode, interruptField))
            {
                var others = reader.Channels(value, channelField);
                if (others.Contains(channel))
                {
                    reader.Error(value, channelField, $"{channel.ToName()} cannot interrupt itself");
                }

                mayInterrupt[channel] = others.ToHashSet();
            }
        }

        return new CapacityProfile(profileName, total.Value, cost, maxPerChannel, mayInterrupt);
    }

    private static T? Required<T>(CharterReader reader, YamlNode parent, CharterFields fields, string key, Func<YamlNode, string, T?> read)
        where T : struct
    {
        if (fields.TryGet(key, out var node, out var field))
        {
            return read(node, field);
        }

        if (parent is YamlMappingNode)
        {
            reader.Error(parent, field, "is required");
        }

        return null;
    }

    /// <summary>YAML that does not parse stops here: nothing after a syntax error can be trusted.</summary>
    private static YamlNode? ReadRoot(string yaml, string fileName)
    {
        using var text = new StringReader(yaml);
        var parser = new Parser(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new CharterException([new CharterError(fileName, (int)e.Start.Line, (int)e.Start.Column, "", $"YAML syntax error: {e.Message}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet fails this way on some unclosed flow collections; the last event it read is the best place.
            var at = parser.Current?.End ?? Mark.Empty;
            throw new CharterException([new CharterError(fileName, (int)at.Line, (int)at.Column, "", "YAML syntax error: cannot be parsed after this point (an unclosed [ or {?)")]);
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }
}
