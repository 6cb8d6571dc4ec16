using Connector.Core.Channels;
using Connector.Core.Charter;
using Connector.Core.Routing;
using Connector.Worker.Simulation;
using Connector.Worker.Staffing;

namespace Connector.Worker.Tests.Simulation;

/// <summary>The simulator driving the real routing engine in simulated time, checked against queueing theory.</summary>
public sealed class SimulatorTests
{
    [Fact]
    public void Single_channel_MMc_matches_Erlang_C()
    {
        // λ = 100/h, h = 180 s: A = 5 erlangs on c = 6 agents (83% busy). Erlang C: P(wait) = 0.5875,
        // SL(20 s) = 0.4743, ASA = 105.7 s. The ASA of a queue this busy converges slowly; 2,000 h (200,000 calls)
        // put the bounds at over two standard errors.
        const int agents = 6;
        const double perHour = 100, handle = 180, target = 20;
        var erlangs = perHour * handle / 3600;
        var scenario = Scenarios.Of(2000, seed: 7, Scenarios.Agents(agents, Channel.Voice), new ChannelLoad(Channel.Voice, perHour, handle, target));

        var voice = Simulator.Run(scenario).Channels["voice"];

        var expectedServiceLevel = ErlangC.ServiceLevel(agents, erlangs, handle, target);
        var expectedAsa = ErlangC.AverageSpeedOfAnswerSeconds(agents, erlangs, handle);
        Assert.InRange(voice.ServiceLevel!.Value, expectedServiceLevel - 0.02, expectedServiceLevel + 0.02);
        Assert.InRange(voice.AverageSpeedOfAnswerSeconds!.Value, expectedAsa * 0.9, expectedAsa * 1.1);
        Assert.InRange(voice.Occupancy!.Value, (erlangs / agents) - 0.01, (erlangs / agents) + 0.01);
        Assert.Equal(voice.Offered, voice.Handled + voice.StillWaiting);
    }

    [Fact]
    public void Same_seed_gives_byte_identical_json()
    {
        var first = SimulationJson.Serialize(Simulator.Run(Busy(seed: 11)));
        var second = SimulationJson.Serialize(Simulator.Run(Busy(seed: 11)));

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_seed_gives_different_numbers()
    {
        var one = Simulator.Run(Busy(seed: 11));
        var other = Simulator.Run(Busy(seed: 12));

        Assert.NotEqual(one.Channels["voice"], other.Channels["voice"]);
        Assert.NotEqual(one.Channels["chat"], other.Channels["chat"]);
    }

    [Fact]
    public void Impatient_callers_abandon_and_every_offered_task_is_handled_abandoned_or_still_waiting()
    {
        // 5 erlangs on 3 agents: the queue grows until callers with 10 s of patience give up.
        var scenario = Scenarios.Of(12, seed: 3, Scenarios.Agents(3, Channel.Voice), new ChannelLoad(Channel.Voice, 100, 180, 20, MeanPatienceSeconds: 10));
        var measureFrom = Simulator.Epoch.AddHours(scenario.WarmupHours);
        var waitingAtTheEnd = 0;

        var voice = Simulator.Run(scenario, afterEveryRoute: (engine, _) =>
            waitingAtTheEnd = engine.Tasks.Count(t => t.State == RoutingTaskState.Queued && t.ArrivedAt >= measureFrom)).Channels["voice"];

        Assert.True(voice.Abandoned > 0, "some callers abandon");
        Assert.True(voice.Handled > 0, "the agents still answer some");
        Assert.Equal(waitingAtTheEnd, voice.StillWaiting);
        Assert.Equal(voice.Offered, voice.Handled + voice.Abandoned + waitingAtTheEnd);
        // Three agents can answer at most 3/5 of five erlangs of calls: about two in five callers must give up.
        Assert.InRange((double)voice.Abandoned / voice.Offered, 0.3, 0.5);
    }

    [Fact]
    public void Voice_and_chat_share_agents_and_no_agent_is_ever_over_capacity()
    {
        var scenario = Scenarios.Of(
            24,
            seed: 5,
            Scenarios.Agents(8, Channel.Voice, Channel.Chat),
            new ChannelLoad(Channel.Voice, 60, 180, 20, MeanPatienceSeconds: 120),
            new ChannelLoad(Channel.Chat, 60, 420, 30, MeanPatienceSeconds: 300));
        var routes = 0;

        var report = Simulator.Run(scenario, afterEveryRoute: (engine, now) =>
        {
            routes++;
            for (var n = 1; n <= 8; n++)
            {
                var agent = engine.GetAgent($"agents-{n}")!;
                Assert.True(agent.UsedUnits <= agent.TotalUnits, $"{agent.AgentId} holds {agent.UsedUnits} of {agent.TotalUnits} units at {now:O}");
                var channels = agent.Holding.Select(id => engine.GetTask(id)!.Channel).ToList();
                Assert.True(!channels.Contains(Channel.Voice) || channels.Count == 1, $"{agent.AgentId} holds a call and other work at {now:O}");
            }
        });

        Assert.True(routes > 1000);
        Assert.Equal(["voice", "chat"], report.Channels.Keys);
        foreach (var (name, channel) in report.Channels)
        {
            Assert.True(channel.Offered > 1000, $"{name}: offered {channel.Offered}");
            Assert.True(channel.Handled > 0, $"{name}: handled {channel.Handled}");
            Assert.InRange(channel.ServiceLevel!.Value, 0, 1);
            Assert.InRange(channel.Occupancy!.Value, 0.01, 1);
        }

        Assert.InRange(report.Agents.Occupancy, 0.01, 1);
        Assert.InRange(report.Agents.CapacityUsed, 0.01, report.Agents.Occupancy);
        Assert.Equal(report.Channels["chat"].Handled, report.Agents.Groups.Single().Handled["chat"]);
    }

    [Fact]
    public void A_charters_wrap_up_keeps_agents_busy_until_the_engine_releases_them()
    {
        var folder = Directory.CreateTempSubdirectory("connector-simulate-").FullName;
        File.WriteAllText(Path.Combine(folder, "charter.yaml"), """
            channels:
              voice:
                wrapUp: 30s
            """);
        File.WriteAllText(Path.Combine(folder, "scenario.yaml"), """
            durationHours: 200
            warmupHours: 1
            seed: 9
            charter: charter.yaml
            channels:
              voice: { arrivalsPerHour: 100, meanHandleSeconds: 180, slaSeconds: 20 }
            agents:
              - count: 8
                channels: [voice]
            """);
        var scenario = ScenarioLoader.Load(Path.Combine(folder, "scenario.yaml"));

        var report = Simulator.Run(scenario, CharterLoader.Load(scenario.CharterPath!));

        // Each call holds its agent for the handle time plus 30 s: (180 + 30) s × 100/h over 8 agents.
        Assert.Equal("charter.yaml", report.Charter);
        Assert.InRange(report.Channels["voice"].Occupancy!.Value, 0.729 - 0.02, 0.729 + 0.02);
    }

    /// <summary>Voice and chat on too few agents, with abandonment: every code path, for the determinism tests.</summary>
    private static Scenario Busy(int seed) => Scenarios.Of(
        24,
        seed,
        Scenarios.Agents(5, Channel.Voice, Channel.Chat),
        new ChannelLoad(Channel.Voice, 80, 180, 20, MeanPatienceSeconds: 60),
        new ChannelLoad(Channel.Chat, 40, 420, 30, MeanPatienceSeconds: 240));
}
