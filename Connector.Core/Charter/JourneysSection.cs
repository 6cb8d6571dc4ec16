using Connector.Core.Channels;
using Connector.Core.Routing.Policy;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary><c>journeys:</c> why customers get in touch, and where that work goes.</summary>
internal static class JourneysSection
{
    public const string Name = "journeys";

    private static readonly string[] Keys = ["preferredChannels", "queue", "skills", "priority", "language"];

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        foreach (var (name, key, value) in reader.Entries(node, Name))
        {
            var field = CharterReader.Path(Name, name);
            var fields = reader.Fields(value, field, Keys);

            var channels = new List<Channel>();
            if (fields.TryGet("preferredChannels", out var n, out var f))
            {
                channels = ReadChannels(reader, n, f);
            }
            else
            {
                reader.Error(key, f, "required: list the channels this journey is offered on, e.g. [chat, voice]");
            }

            // Most charters name a journey after its queue, so the queue may be left out.
            var queue = name;
            if (fields.TryGet("queue", out n, out f))
            {
                if (reader.Text(n, f) is { } given)
                {
                    queue = given;
                    draft.QueueReferences.Add(new CharterReference(queue, n, f));
                }
            }
            else
            {
                draft.QueueReferences.Add(new CharterReference(queue, key, f, "no queue is given, so the journey's own name is used"));
            }

            var skills = new Dictionary<string, int>();
            if (fields.TryGet("skills", out n, out f))
            {
                skills = reader.Skills(n, f);
            }

            var priority = 0;
            if (fields.TryGet("priority", out n, out f) && reader.Int(n, f, -100, 100) is { } givenPriority)
            {
                priority = givenPriority;
            }

            string? language = null;
            if (fields.TryGet("language", out n, out f))
            {
                language = reader.Text(n, f);
            }

            draft.Journeys[name] = new Journey(name, channels, queue, skills, priority, language);
        }
    }

    private static List<Channel> ReadChannels(CharterReader reader, YamlNode node, string field)
    {
        var channels = new List<Channel>();
        var items = reader.Items(node, field).ToList();
        if (items.Count == 0 && (node is YamlSequenceNode || CharterReader.IsNull(node)))
        {
            reader.Error(node, field, "must name at least one channel");
        }

        foreach (var (index, item) in items)
        {
            var itemField = $"{field}[{index}]";
            if (reader.ChannelName(item, itemField) is not { } channel)
            {
                continue;
            }

            if (channels.Contains(channel))
            {
                reader.Error(item, itemField, $"{channel.ToName()} is listed twice");
                continue;
            }

            channels.Add(channel);
        }

        return channels;
    }
}
