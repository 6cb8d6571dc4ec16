using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>The top level of a charter: each section is optional and read by its own reader.</summary>
internal static class CharterSections
{
    private static readonly (string Name, Action<CharterReader, YamlNode, CharterDraft> Read)[] Sections =
    [
        (JourneysSection.Name, JourneysSection.Read),
        (ChannelJourneysSection.Name, ChannelJourneysSection.Read),
        (QueuesSection.Name, QueuesSection.Read),
        (CapacityProfilesSection.Name, CapacityProfilesSection.Read),
        (ChannelsSection.Name, ChannelsSection.Read),
        (RoutingSection.Name, RoutingSection.Read),
        (VoiceSection.Name, VoiceSection.Read),
        (DispositionsSection.Name, DispositionsSection.Read),
        (RetentionSection.Name, RetentionSection.Read),
        (RedactionSection.Name, RedactionSection.Read),
        (QaSection.Name, QaSection.Read),
        (InsightsSection.Name, InsightsSection.Read),
        (BotsSection.Name, BotsSection.Read),
    ];

    private static readonly string[] Names = [.. Sections.Select(s => s.Name)];

    public static void Read(CharterReader reader, YamlNode root, CharterDraft draft)
    {
        if (root is not YamlMappingNode && !CharterReader.IsNull(root))
        {
            reader.Error(root, "", $"a charter is a mapping of sections ({string.Join(", ", Names)})");
            return;
        }

        var fields = reader.Fields(root, "", Names, "section");
        foreach (var (name, read) in Sections)
        {
            if (fields.TryGet(name, out var node, out _))
            {
                read(reader, node, draft);
            }
        }
    }
}
