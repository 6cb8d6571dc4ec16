using Connector.Core.Channels;
using Connector.Core.Routing.Policy;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>
/// <c>capacityProfiles:</c> what each profile costs per channel. A channel missing from <c>cost</c> is one the profile
/// cannot take (not an error); a profile without <c>cost</c> uses the standard costs.
/// </summary>
internal static class CapacityProfilesSection
{
    public const string Name = "capacityProfiles";

    private static readonly string[] Keys = ["total", "cost", "maxPerChannel", "mayInterrupt"];

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        var standard = CapacityProfile.Standard;
        foreach (var (name, key, value) in reader.Entries(node, Name))
        {
            var field = CharterReader.Path(Name, name);
            var fields = reader.Fields(value, field, Keys);

            var total = standard.Total;
            var totalKnown = true;
            if (fields.TryGet("total", out var totalNode, out var totalField))
            {
                var given = reader.Int(totalNode, totalField, 1);
                totalKnown = given is not null;
                total = given ?? total;
            }

            IReadOnlyDictionary<Channel, int> cost;
            if (fields.TryGet("cost", out var n, out var f))
            {
                cost = ReadCost(reader, n, f, totalKnown ? total : int.MaxValue);
            }
            else
            {
                cost = standard.Cost;
                foreach (var (channel, units) in cost.Where(c => totalKnown && c.Value > total))
                {
                    reader.Error(totalNode ?? key, totalField, $"is below the standard cost of {channel.ToName()} ({units}); give cost for each channel");
                }
            }

            var maxPerChannel = new Dictionary<Channel, int>();
            if (fields.TryGet("maxPerChannel", out n, out f))
            {
                foreach (var (channel, channelField, max) in reader.PerChannel(n, f))
                {
                    if (reader.Int(max, channelField, 1) is { } count)
                    {
                        maxPerChannel[channel] = count;
                    }
                }
            }

            var mayInterrupt = new Dictionary<Channel, IReadOnlySet<Channel>>();
            if (fields.TryGet("mayInterrupt", out n, out f))
            {
                foreach (var (channel, channelField, list) in reader.PerChannel(n, f))
                {
                    mayInterrupt[channel] = ReadInterrupted(reader, channel, list, channelField);
                }
            }

            draft.CapacityProfiles[name] = new CapacityProfile(name, total, cost, maxPerChannel, mayInterrupt);
        }
    }

    private static Dictionary<Channel, int> ReadCost(CharterReader reader, YamlNode node, string field, int total)
    {
        var cost = new Dictionary<Channel, int>();
        foreach (var (channel, channelField, units) in reader.PerChannel(node, field))
        {
            if (reader.Int(units, channelField, 1, total, "the profile's total") is { } value)
            {
                cost[channel] = value;
            }
        }

        return cost;
    }

    private static HashSet<Channel> ReadInterrupted(CharterReader reader, Channel channel, YamlNode list, string field)
    {
        var interrupted = new HashSet<Channel>();
        foreach (var (index, item) in reader.Items(list, field))
        {
            var itemField = $"{field}[{index}]";
            if (reader.ChannelName(item, itemField) is not { } other)
            {
                continue;
            }

            // Its own units would then never count: one agent could take unlimited work of that channel.
            if (other == channel)
            {
                reader.Error(item, itemField, "a channel cannot interrupt itself");
                continue;
            }

            interrupted.Add(other);
        }

        return interrupted;
    }
}
