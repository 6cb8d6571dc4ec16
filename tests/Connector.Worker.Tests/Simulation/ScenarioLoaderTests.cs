using Connector.Core.Channels;
using Connector.Core.Charter;
using Connector.Worker.Simulation;

namespace Connector.Worker.Tests.Simulation;

/// <summary>Reading scenario files: defaults, and every mistake reported at once with its line and field.</summary>
public sealed class ScenarioLoaderTests
{
    [Fact]
    public void Every_mistake_is_reported_at_once_with_its_line_and_field()
    {
        var error = Assert.Throws<CharterException>(() => ScenarioLoader.Parse("""
            durationHours: 24
            warmupHours: 30
            chanels: {}
            channels:
              vioce: { arrivalsPerHour: 100, meanHandleSeconds: 180, slaSeconds: 20 }
              chat: { arrivalsPerHour: 60, slaSeconds: -1 }
            agents:
              - capacity: { total: 100, cost: { voice: 100 } }
                channels: [voice, chat]
            """, "plan.yaml", "."));

        Assert.Equal(
            [
                "plan.yaml:2:14: warmupHours: must be shorter than durationHours (24), or nothing is measured",
                "plan.yaml:3:1: chanels: unknown key; did you mean channels?",
                "plan.yaml:5:3: channels.vioce: unknown channel 'vioce'; did you mean voice? (allowed: voice, chat, whatsapp, email)",
                "plan.yaml:6:9: channels.chat.meanHandleSeconds: is required",
                "plan.yaml:6:44: channels.chat.slaSeconds: must be 0 or more (got -1)",
                "plan.yaml:8:5: agents[0].count: is required",
                "plan.yaml:9:15: agents[0].channels: chat has no cost in capacity.cost, so these agents could never take it",
            ],
            error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Agents_default_to_every_channel_their_capacity_costs_and_the_seed_to_1()
    {
        var scenario = ScenarioLoader.Parse("""
            durationHours: 8
            channels:
              email: { arrivalsPerHour: 20, meanHandleSeconds: 300, slaSeconds: 3600 }
            agents:
              - name: back-office
                count: 3
                capacity: { total: 100, cost: { chat: 35, email: 10 } }
            """, "plan.yaml", ".");

        var group = Assert.Single(scenario.Agents);
        Assert.Equal([Channel.Chat, Channel.Email], group.Channels);
        Assert.Equal("back-office", group.Name);
        Assert.Equal(1, scenario.Seed);
        Assert.Equal(0, scenario.WarmupHours);
        Assert.Null(scenario.CharterPath);
    }
}
