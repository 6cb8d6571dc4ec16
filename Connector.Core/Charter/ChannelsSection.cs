using Connector.Core.Routing.Policy;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary><c>channels:</c> per-channel offer time-outs, wrap-up and SLA targets, over <see cref="ChannelPolicy.Default"/>.</summary>
internal static class ChannelsSection
{
    public const string Name = "channels";

    private static readonly string[] Keys =
        ["offerTimeout", "wrapUp", "autoAccept", "answerWithin", "firstResponseWithin", "slaBreachPriorityBoost"];

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        foreach (var (channel, field, value) in reader.PerChannel(node, Name))
        {
            var fields = reader.Fields(value, field, Keys);
            var policy = ChannelPolicy.Default(channel);
            if (fields.TryGet("offerTimeout", out var n, out var f) && reader.Duration(n, f, positive: true) is { } offerTimeout)
            {
                policy = policy with { OfferTimeout = offerTimeout };
            }

            if (fields.TryGet("wrapUp", out n, out f) && reader.Duration(n, f) is { } wrapUp)
            {
                policy = policy with { WrapUp = wrapUp };
            }

            if (fields.TryGet("autoAccept", out n, out f) && reader.Bool(n, f) is { } autoAccept)
            {
                policy = policy with { AutoAccept = autoAccept };
            }

            if (fields.TryGet("answerWithin", out n, out f) && reader.TryOptionalDuration(n, f, out var answerWithin))
            {
                policy = policy with { AnswerWithin = answerWithin };
            }

            if (fields.TryGet("firstResponseWithin", out n, out f) && reader.TryOptionalDuration(n, f, out var firstResponseWithin))
            {
                policy = policy with { FirstResponseWithin = firstResponseWithin };
            }

            if (fields.TryGet("slaBreachPriorityBoost", out n, out f) && reader.Int(n, f, 0, 100) is { } boost)
            {
                policy = policy with { SlaBreachPriorityBoost = boost };
            }

            draft.Channels[channel] = policy;
        }
    }
}
