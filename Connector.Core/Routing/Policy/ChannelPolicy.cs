using Connector.Core.Channels;

namespace Connector.Core.Routing.Policy;

/// <summary>Per-channel routing rules from the charter.</summary>
/// <param name="OfferTimeout">How long an agent has to accept an offer before it goes to the next agent.</param>
/// <param name="WrapUp">After the work ends, the agent keeps its capacity this long for notes and disposition.</param>
/// <param name="AutoAccept">Offers are accepted on the agent's behalf by the server (no browser needed).</param>
/// <param name="AnswerWithin">SLA: an agent must accept within this time of the task's age.</param>
/// <param name="SlaBreachPriorityBoost">Added to the task's priority when it breaches its SLA.</param>
public sealed record ChannelPolicy(
    Channel Channel,
    TimeSpan OfferTimeout,
    TimeSpan WrapUp,
    bool AutoAccept,
    TimeSpan? AnswerWithin,
    TimeSpan? FirstResponseWithin,
    int SlaBreachPriorityBoost)
{
    public static ChannelPolicy Default(Channel channel) => channel switch
    {
        Channel.Voice => new(channel, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30), false, TimeSpan.FromSeconds(20), null, 5),
        Channel.Chat => new(channel, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15), false, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2), 3),
        Channel.WhatsApp => new(channel, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), false, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), 2),
        _ => new(channel, TimeSpan.FromMinutes(2), TimeSpan.Zero, false, TimeSpan.FromHours(4), TimeSpan.FromHours(8), 1),
    };
}
