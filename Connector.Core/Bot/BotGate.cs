using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Bot;

/// <summary>
/// Which bot, if any, meets a customer message before routing: the one of the message's journey (or, without one, the
/// channel's journey in the charter), when it is on for the channel.
/// </summary>
public sealed class BotGate(RoutingPolicy? policy)
{
    public BotPolicy? For(Channel channel, string? journey)
    {
        if (policy is null || policy.Bots.Count == 0)
        {
            return null;
        }

        var name = journey is { } j && policy.Journeys.ContainsKey(j) ? j : policy.ChannelJourneys.GetValueOrDefault(channel);
        return name is not null && policy.Bots.TryGetValue(name, out var bot) && bot.Answers(channel) ? bot : null;
    }
}
