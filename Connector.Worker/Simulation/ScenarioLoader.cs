using Connector.Core.Channels;
using Connector.Core.Routing.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Connector.Worker.Simulation;

/// <summary>
/// Reads a scenario file (see the README, "Simulate"). Every mistake is reported at once in one
/// <see cref="ScenarioException"/>, each as <c>file:line:column: field: message</c>.
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
            throw new ScenarioException([new ScenarioError(path, 0, 0, "", $"cannot be read: {e.Message}")]);
        }

        return Parse(yaml, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <param name="fileName">Named in every error.</param>
    /// <param name="baseDirectory">Where a relative <c>charter:</c> path starts.</param>
    public static Scenario Parse(string yaml, string fileName, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new ScenarioReader(fileName);
        var root = ReadRoot(yaml, fileName);
        if (root is null || ScenarioReader.IsNull(root))
        {
            throw new ScenarioException([new ScenarioError(fileName, 0, 0, "", "the scenario is empty; it needs at least durationHours, channels and agents")]);
        }

        if (root is not YamlMappingNode)
        {
            throw new ScenarioException([new ScenarioError(fileName, (int)root.Start.Line, (int)root.Start.Column, "", "must be a mapping with at least durationHours, channels and agents")]);
        }

        var fields = reader.Fields(root, "", TopKeys);
        var duration = Required(reader, root, fields, "", "durationHours", (n, f) => reader.Number(n, f, positive: true));
        var warmup = fields.TryGetValue("warmupHours", out var warmupNode) ? reader.Number(warmupNode, "warmupHours", positive: false) : 0;
        if (duration is { } d && warmup is { } w && w >= d)
        {
            reader.Error(warmupNode!, "warmupHours", $"must be shorter than durationHours ({d}), or nothing is measured");
        }

        var seed = fields.TryGetValue("seed", out var seedNode) ? reader.Int(seedNode, "seed", int.MinValue) : 1;
        string? charter = null;
        string? charterPath = null;
        if (fields.TryGetValue("charter", out var charterNode) && !ScenarioReader.IsNull(charterNode))
        {
            charter = reader.Text(charterNode, "charter");
            if (charter is not null)
            {
                charterPath = Path.GetFullPath(Path.Combine(baseDirectory, charter));
                if (!File.Exists(charterPath))
                {
                    reader.Error(charterNode, "charter", $"file not found: {charterPath} (a relative path starts at the scenario's folder)");
                }
            }
        }

        var channels = fields.TryGetValue("channels", out var channelsNode) ? ReadChannels(reader, channelsNode) : [];
        if (channelsNode is null or YamlMappingNode { Children.Count: 0 } || ScenarioReader.IsNull(channelsNode))
        {
            reader.Error(channelsNode ?? root, "channels", "needs at least one channel, e.g. voice: { arrivalsPerHour: 100, meanHandleSeconds: 180, slaSeconds: 20 }");
        }

        var agents = fields.TryGetValue("agents", out var agentsNode) ? ReadAgents(reader, agentsNode) : [];
        if (agentsNode is null or YamlSequenceNode { Children.Count: 0 } || ScenarioReader.IsNull(agentsNode))
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

    private static List<ChannelLoad> ReadChannels(ScenarioReader reader, YamlNode node)
    {
        var loads = new List<ChannelLoad>();
        foreach (var (channel, field, value) in reader.PerChannel(node, "channels"))
        {
            var fields = reader.Fields(value, field, ChannelKeys);
            var arrivals = Required(reader, value, fields, field, "arrivalsPerHour", (n, f) => reader.Number(n, f, positive: false));
            var handle = Required(reader, value, fields, field, "meanHandleSeconds", (n, f) => reader.Number(n, f, positive: true));
            var sla = Required(reader, value, fields, field, "slaSeconds", (n, f) => reader.Number(n, f, positive: false));
            var patience = fields.TryGetValue("meanPatienceSeconds", out var p) ? reader.Number(p, ScenarioReader.Path(field, "meanPatienceSeconds"), positive: false) : 0;
            if (arrivals is not null && handle is not null && sla is not null && patience is not null)
            {
                loads.Add(new ChannelLoad(channel, arrivals.Value, handle.Value, sla.Value, patience.Value));
            }
        }

        return loads;
    }

    private static List<AgentGroup> ReadAgents(ScenarioReader reader, YamlNode node)
    {
        var groups = new List<AgentGroup>();
        foreach (var (index, item) in reader.Items(node, "agents"))
        {
            var field = $"agents[{index}]";
            var fields = reader.Fields(item, field, GroupKeys);
            var name = fields.TryGetValue("name", out var nameNode) ? reader.Text(nameNode, ScenarioReader.Path(field, "name")) : $"group-{index + 1}";
            if (name is not null && groups.Any(g => g.Name == name))
            {
                reader.Error(nameNode ?? item, ScenarioReader.Path(field, "name"), $"another group is already named '{name}'");
            }

            var count = Required(reader, item, fields, field, "count", (n, f) => reader.Int(n, f, 1));
            var capacity = fields.TryGetValue("capacity", out var capacityNode)
                ? ReadCapacity(reader, capacityNode, ScenarioReader.Path(field, "capacity"), name ?? field)
                : CapacityProfile.Standard with { Name = name ?? field };
            var skills = new Dictionary<string, int>(StringComparer.Ordinal);
            if (fields.TryGetValue("skills", out var skillsNode))
            {
                foreach (var (skill, _, value) in reader.Entries(skillsNode, ScenarioReader.Path(field, "skills")))
                {
                    if (reader.Int(value, ScenarioReader.Path(ScenarioReader.Path(field, "skills"), skill), 1, 10) is { } proficiency)
                    {
                        skills[skill] = proficiency;
                    }
                }
            }

            var languages = new List<string>();
            if (fields.TryGetValue("languages", out var languagesNode))
            {
                foreach (var (i, language) in reader.Items(languagesNode, ScenarioReader.Path(field, "languages")))
                {
                    if (reader.Text(language, $"{ScenarioReader.Path(field, "languages")}[{i}]") is { } text)
                    {
                        languages.Add(text);
                    }
                }
            }

            var channelsField = ScenarioReader.Path(field, "channels");
            List<Channel>? channels = null;
            if (fields.TryGetValue("channels", out var channelsNode))
            {
                channels = reader.Channels(channelsNode, channelsField);
                if (channelsNode is YamlSequenceNode { Children.Count: 0 } || ScenarioReader.IsNull(channelsNode))
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
                        reader.Error(capacityNode ?? item, ScenarioReader.Path(field, "capacity"), "cost names no channel, so these agents could never take work");
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
                        reader.Error(capacityNode ?? item, ScenarioReader.Path(field, "capacity"), $"{channel.ToName()} costs {cost}, more than the total of {capacity.Total}, so these agents could never take it");
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

    private static CapacityProfile? ReadCapacity(ScenarioReader reader, YamlNode node, string field, string profileName)
    {
        var fields = reader.Fields(node, field, CapacityKeys);
        var total = fields.TryGetValue("total", out var totalNode) ? reader.Int(totalNode, ScenarioReader.Path(field, "total"), 1) : CapacityProfile.Standard.Total;
        if (total is null)
        {
            return null;
        }

        var cost = new Dictionary<Channel, int>();
        if (fields.TryGetValue("cost", out var costNode))
        {
            foreach (var (channel, channelField, value) in reader.PerChannel(costNode, ScenarioReader.Path(field, "cost")))
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
        if (fields.TryGetValue("maxPerChannel", out var maxNode))
        {
            foreach (var (channel, channelField, value) in reader.PerChannel(maxNode, ScenarioReader.Path(field, "maxPerChannel")))
            {
                if (reader.Int(value, channelField, 1) is { } max)
                {
                    maxPerChannel[channel] = max;
                }
            }
        }

        var mayInterrupt = new Dictionary<Channel, IReadOnlySet<Channel>>();
        if (fields.TryGetValue("mayInterrupt", out var interruptNode))
        {
            foreach (var (channel, channelField, value) in reader.PerChannel(interruptNode, ScenarioReader.Path(field, "mayInterrupt")))
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

    private static T? Required<T>(ScenarioReader reader, YamlNode parent, Dictionary<string, YamlNode> fields, string parentField, string key, Func<YamlNode, string, T?> read)
        where T : struct
    {
        var field = ScenarioReader.Path(parentField, key);
        if (fields.TryGetValue(key, out var node))
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
            throw new ScenarioException([new ScenarioError(fileName, (int)e.Start.Line, (int)e.Start.Column, "", $"YAML syntax error: {e.Message}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet fails this way on some unclosed flow collections; the last event it read is the best place.
            var at = parser.Current?.End ?? Mark.Empty;
            throw new ScenarioException([new ScenarioError(fileName, (int)at.Line, (int)at.Column, "", "YAML syntax error: cannot be parsed after this point (an unclosed [ or {?)")]);
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }
}
