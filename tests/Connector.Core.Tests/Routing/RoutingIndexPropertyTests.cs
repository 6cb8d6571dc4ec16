using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Tests.Routing;

/// <summary>
/// The engine's indexes (agents with room per channel, who is online per skill level, each waiting task's current
/// step and its group, what an agent with room would sweep) held against a brute-force scan of all agents and
/// tasks, after every one of thousands of random operations, with and without time-outs due.
/// </summary>
public sealed class RoutingIndexPropertyTests
{
    private static readonly Channel[] AllChannels = Enum.GetValues<Channel>();
    private static readonly string[] SkillNames = ["billing", "network", "sales", "docs", "returns"];

    private static RoutingPolicy Policy()
    {
        var policy = RoutingPolicy.Default();
        var queues = new Dictionary<string, QueueDefinition>(policy.Queues)
        {
            ["tech"] = new("tech", 1, SelectionMethod.BestSkillMatch,
            [
                new RoutingStep(RoutingStepKind.PreferredAgent, TimeSpan.Zero, PreferenceExpiry: TimeSpan.FromSeconds(90)),
                new RoutingStep(RoutingStepKind.RequiredSkills, TimeSpan.FromSeconds(20), MinProficiency: 6),
                new RoutingStep(RoutingStepKind.RelaxedSkills, TimeSpan.FromSeconds(60)),
                new RoutingStep(RoutingStepKind.OverflowQueue, TimeSpan.FromSeconds(120), OverflowQueue: "general"),
                new RoutingStep(RoutingStepKind.AnyAgent, TimeSpan.FromSeconds(240)),
            ], new Dictionary<string, int> { ["network"] = 1 }),
            ["sales"] = new("sales", 1, SelectionMethod.LongestIdle,
            [
                new RoutingStep(RoutingStepKind.PreferredAgent, TimeSpan.Zero, PreferenceExpiry: TimeSpan.FromSeconds(45)),
                new RoutingStep(RoutingStepKind.RequiredSkills, TimeSpan.Zero, MinProficiency: 4),
                new RoutingStep(RoutingStepKind.OverflowQueue, TimeSpan.FromSeconds(90), OverflowQueue: "tech"),
            ], new Dictionary<string, int> { ["sales"] = 2 }),
            ["general"] = new("general", 5, SelectionMethod.MostFreeCapacity, [new RoutingStep(RoutingStepKind.AnyAgent, TimeSpan.Zero)], new Dictionary<string, int>()),
            ["bare"] = new("bare", 3, SelectionMethod.MostFreeCapacity, [], new Dictionary<string, int>()),
        };
        var senior = CapacityProfile.Standard with
        {
            Name = "senior",
            Total = 150,
            MaxPerChannel = new Dictionary<Channel, int> { [Channel.Chat] = 3 },
            MayInterrupt = new Dictionary<Channel, IReadOnlySet<Channel>> { [Channel.Voice] = new HashSet<Channel> { Channel.Email } },
        };
        return policy with
        {
            Queues = queues,
            CapacityProfiles = new Dictionary<string, CapacityProfile>(policy.CapacityProfiles) { ["senior"] = senior },
            Channels = policy.Channels.ToDictionary(c => c.Key, c => c.Key == Channel.Email ? c.Value with { AutoAccept = true } : c.Value),
            OfflineGrace = TimeSpan.FromSeconds(20),
        };
    }

    [Theory]
    [InlineData(11)]
    [InlineData(2027)]
    [InlineData(31337)]
    public void The_indexes_agree_with_a_brute_force_scan_after_every_random_operation(int seed)
    {
        var random = new Random(seed);
        var policy = Policy();
        var engine = new RoutingEngine(policy);
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var agents = Enumerable.Range(0, 14).Select(i => $"agent-{i}").ToList();
        foreach (var id in agents)
        {
            engine.UpsertAgent(RandomProfile(random, id), now);
            engine.SetAvailability(id, RandomChannels(random), now);
        }

        string[] queues = ["tech", "sales", "general", "bare"];
        var offers = 0;
        for (var step = 0; step < 2_000; step++)
        {
            var roll = random.NextDouble();
            var tasks = engine.Tasks.OrderBy(t => t.TaskId).ToList();
            if (roll < 0.3)
            {
                var channel = AllChannels[random.Next(4)];
                var special = random.NextDouble() < 0.6;
                engine.Enqueue(new WorkItem(Guid.NewGuid(), channel, special ? queues[random.Next(queues.Length)] : channel.ToName(), random.Next(0, 3),
                    special ? SkillNames.Where(_ => random.NextDouble() < 0.3).ToDictionary(s => s, _ => random.Next(-1, 9)) : [],
                    random.NextDouble() < 0.15 ? (random.NextDouble() < 0.5 ? "es" : "EN") : null, Guid.NewGuid(), now.AddSeconds(-random.Next(0, 30)),
                    channel.IsAsync() ? now.AddSeconds(-random.Next(0, 30)) : null,
                    random.NextDouble() < 0.3 ? agents[random.Next(agents.Count)] : null, now.AddSeconds(-random.Next(0, 120)),
                    random.NextDouble() < 0.1 ? new HashSet<string> { agents[random.Next(agents.Count)] } : null), now);
            }
            else if (roll < 0.48 && tasks.Where(t => t.State == RoutingTaskState.Offered).ToList() is { Count: > 0 } offered)
            {
                var t = offered[random.Next(offered.Count)];
                Assert.True(random.NextDouble() < 0.7 ? engine.Accept(t.TaskId, t.AgentId!, now) : engine.Decline(t.TaskId, t.AgentId!, now));
            }
            else if (roll < 0.6 && tasks.Where(t => t.State == RoutingTaskState.Assigned).ToList() is { Count: > 0 } assigned)
            {
                engine.Complete(assigned[random.Next(assigned.Count)].TaskId, now);
            }
            else if (roll < 0.64 && tasks.Where(t => t.State == RoutingTaskState.Queued).ToList() is { Count: > 0 } waiting)
            {
                engine.Remove(waiting[random.Next(waiting.Count)].TaskId, now);
            }
            else if (roll < 0.72)
            {
                engine.SetAvailability(agents[random.Next(agents.Count)], random.NextDouble() < 0.3 ? [] : RandomChannels(random), now);
            }
            else if (roll < 0.75)
            {
                engine.UpsertAgent(RandomProfile(random, agents[random.Next(agents.Count)]), now); // skills and capacity change
            }
            else
            {
                now += TimeSpan.FromSeconds(random.Next(1, 40));
                while (engine.NextDueAt is { } due && due <= now)
                {
                    engine.Route(due);
                    offers += Check(engine, due, $"seed {seed}, step {step}, after the time-outs due at {due:HH:mm:ss}");
                }
            }

            if (engine.NextDueAt is not { } next || next > now)
            {
                // Between commands, before the cycle: agents and tasks still wait to be matched, so the sweep check bites.
                AssertNoProblems(engine.CheckIndex(now), $"seed {seed}, step {step}, before routing");
            }

            engine.Route(now);
            offers += Check(engine, now, $"seed {seed}, step {step}");
        }

        Assert.True(offers > 500, $"only {offers} offers: the random walk did not exercise the router");
    }

    private static int Check(RoutingEngine engine, DateTimeOffset now, string where)
    {
        AssertNoProblems(engine.CheckIndex(now), where);
        foreach (var task in engine.Tasks.Where(t => t.State == RoutingTaskState.Queued))
        {
            foreach (var agent in engine.Agents)
            {
                Assert.False(engine.IsEligible(task.TaskId, agent.AgentId, now), $"{where}: task {task.TaskId} ({task.Channel}, {task.Queue}) waits while {agent.AgentId} could take it");
            }
        }

        engine.DrainDecisions();
        return engine.DrainEvents().OfType<OfferMade>().Count();
    }

    private static void AssertNoProblems(List<string> problems, string where) =>
        Assert.True(problems.Count == 0, $"{where}: {string.Join("; ", problems.Take(5))}");

    private static Agent RandomProfile(Random random, string id) =>
        new(id, id, random.NextDouble() < 0.3 ? "senior" : "standard",
            SkillNames.Where(_ => random.NextDouble() < 0.45).ToDictionary(s => s, _ => random.Next(0, 12)),
            random.NextDouble() < 0.2 ? ["es", "en"] : ["en"]);

    private static Channel[] RandomChannels(Random random) => AllChannels.Where(_ => random.NextDouble() < 0.6).ToArray();
}
