using Connector.Core.Channels;
using Connector.Core.Routing.Policy;
using Connector.Worker.Simulation;
using Connector.Worker.Staffing;

namespace Connector.Worker.Tests.Staffing;

/// <summary>
/// The simulator is the judge of the concurrent channels: it runs the real routing engine with agents holding several
/// contacts at once, and the smallest team with which it meets the target must be within one agent of the plan.
/// </summary>
public sealed class StaffingSimulatorTests
{
    [Theory]
    [InlineData("chat", 60.0, 420.0, 30.0)]
    [InlineData("whatsapp", 240.0, 600.0, 60.0)]
    public void A_concurrent_channels_plan_is_within_one_agent_of_the_smallest_team_the_simulator_finds_enough(string name, double perHour, double handle, double within)
    {
        var channel = ChannelNames.Parse(name);
        var concurrency = StaffingPlanner.ConcurrencyOf(CapacityProfile.Standard, channel);
        var plan = StaffingPlanner.Plan(new StaffingRequest(channel, perHour, handle, 0.8, within, concurrency, null));
        var load = new ChannelLoad(channel, perHour, handle, within);
        var levels = new SortedDictionary<int, double>();
        double Simulated(int agents) => levels.TryGetValue(agents, out var known) ? known : levels[agents] = ServiceLevel(load, agents);

        // N−1, N and N+1 first; then on down or up until the simulator's smallest sufficient team is pinned.
        foreach (var agents in new[] { plan.Agents - 1, plan.Agents, plan.Agents + 1 })
        {
            Simulated(agents);
        }

        var smallest = plan.Agents;
        if (Simulated(smallest) >= 0.8)
        {
            while (smallest > 1 && Simulated(smallest - 1) >= 0.8)
            {
                smallest--;
            }
        }
        else
        {
            while (Simulated(smallest) < 0.8 && smallest < plan.Agents + 3)
            {
                smallest++;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{name}: {plan.Erlangs} erlangs, concurrency {concurrency}: plan {plan.Agents} agents (Erlang C {plan.ServiceLevel:P1}); simulated: "
            + string.Join(", ", levels.Select(l => $"{l.Key} → {l.Value:P1}")) + $"; smallest sufficient {smallest}");
        Assert.True(Simulated(smallest) >= 0.8, $"the simulator never met the target up to {smallest} agents");
        Assert.InRange(smallest, plan.Agents - 1, plan.Agents + 1);
        Assert.True(Simulated(plan.Agents - 1) < Simulated(plan.Agents + 1), "more agents answer more in time");
    }

    /// <summary>200 simulated hours (tens of thousands of contacts) on one seed: the same figures every run.</summary>
    private static double ServiceLevel(ChannelLoad load, int agents)
    {
        var group = new AgentGroup("agents", agents, CapacityProfile.Standard, [load.Channel], new Dictionary<string, int>(), []);
        var scenario = new Scenario(200, WarmupHours: 2, Seed: 20, [load], [group]);
        return Simulator.Run(scenario).Channels[load.Channel.ToName()].ServiceLevel!.Value;
    }
}
