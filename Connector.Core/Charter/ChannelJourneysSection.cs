using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary><c>channelJourneys:</c> the journey of work that arrives on a channel with no other hint.</summary>
internal static class ChannelJourneysSection
{
    public const string Name = "channelJourneys";

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        foreach (var (channel, field, value) in reader.PerChannel(node, Name))
        {
            if (reader.Text(value, field) is { } journey)
            {
                draft.ChannelJourneys[channel] = journey;
                draft.JourneyReferences.Add(new CharterReference(journey, value, field));
            }
        }
    }
}
