using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Worker.Simulation;

/// <summary>The routing policy a scenario runs under: the charter's (or the default), with the scenario's parts.</summary>
internal static class SimulationPolicy
{
    /// <summary>Simulated agents accept at once, so no offer should ever time out; this is merely long.</summary>
    private static readonly TimeSpan NoOfferTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// Each channel's answer target becomes the scenario's <c>slaSeconds</c>; each agent group's capacity becomes a
    /// profile named after it. Without a charter, wrap-up is zero on every channel (so a one-channel scenario is
    /// the textbook M/M/c queue) and offers do not time out; with one, its wrap-up and time-outs stand.
    /// </summary>
    public static RoutingPolicy For(Scenario scenario, RoutingPolicy? charter)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var basis = charter ?? RoutingPolicy.Default();
        var channels = new Dictionary<Channel, ChannelPolicy>();
        foreach (var channel in Enum.GetValues<Channel>())
        {
            var policy = basis.For(channel);
            if (charter is null)
            {
                policy = policy with { WrapUp = TimeSpan.Zero, OfferTimeout = NoOfferTimeout };
            }

            if (scenario.Channels.FirstOrDefault(l => l.Channel == channel) is { } load)
            {
                policy = policy with { AnswerWithin = TimeSpan.FromSeconds(load.SlaSeconds) };
            }

            channels[channel] = policy;
        }

        var profiles = new Dictionary<string, CapacityProfile>(basis.CapacityProfiles);
        foreach (var group in scenario.Agents)
        {
            profiles[group.Name] = group.Capacity with { Name = group.Name };
        }

        return basis with { Channels = channels, CapacityProfiles = profiles };
    }
}
