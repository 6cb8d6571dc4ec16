using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary><c>routing:</c> the engine-wide settings (missed offers, offline grace, aging).</summary>
internal static class RoutingSection
{
    public const string Name = "routing";

    private static readonly string[] Keys = ["missedOffersBeforeAway", "offlineGrace", "priorityMinutes"];

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        var fields = reader.Fields(node, Name, Keys);
        if (fields.TryGet("missedOffersBeforeAway", out var n, out var f) && reader.Int(n, f, 1) is { } missed)
        {
            draft.MissedOffersBeforeAway = missed;
        }

        if (fields.TryGet("offlineGrace", out n, out f) && reader.Duration(n, f) is { } grace)
        {
            draft.OfflineGrace = grace;
        }

        if (fields.TryGet("priorityMinutes", out n, out f) && reader.PositiveNumber(n, f) is { } minutes)
        {
            draft.PriorityMinutes = minutes;
        }
    }
}
