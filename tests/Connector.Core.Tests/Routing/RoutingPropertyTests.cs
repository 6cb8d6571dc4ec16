using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Tests.Routing;

/// <summary>
/// Random arrivals, accepts, declines, time-outs, presence changes, completions and abandonments, with the
/// router's promises checked after every step.
/// </summary>
public sealed class RoutingPropertyTests
{
    private static readonly Channel[] AllChannels = Enum.GetValues<Channel>();
    private static readonly string[] SkillNames = ["billing", "network", "sales", "spanish-docs"];

    private static RoutingPolicy Policy()
    {
        var policy = RoutingPolicy.Default();
        var queues = new Dictionary<string, QueueDefinition>(policy.Queues)
        {
            ["tech"] = new("tech", 1, SelectionMethod.BestSkillMatch,
            [
                new RoutingStep(RoutingStepKind.PreferredAgent, TimeSpan.Zero, PreferenceExpiry: TimeSpan.FromDays(3)),
                new RoutingStep(RoutingStepKind.RequiredSkills, TimeSpan.FromSeconds(20), MinProficiency: 6),
                new RoutingStep(RoutingStepKind.RelaxedSkills, TimeSpan.FromSeconds(60)),
                new RoutingStep(RoutingStepKind.OverflowQueue, TimeSpan.FromSeconds(120), OverflowQueue: "general"),
                new RoutingStep(RoutingStepKind.AnyAgent, TimeSpan.FromSeconds(240)),
            ], new Dictionary<string, int> { ["network"] = 1 }),
            ["general"] = new("general", 5, SelectionMethod.MostFreeCapacity, [new RoutingStep(RoutingStepKind.AnyAgent, TimeSpan.Zero)], new Dictionary<string, int>()),
        };
        var senior = CapacityProfile.Standard with { Name = "senior", Total = 150, MaxPerChannel = new Dictionary<Channel, int> { [Channel.Chat] = 3 } };
        return policy with
        {
            Queues = queues,
            CapacityProfiles = new Dictionary<string, CapacityProfile>(policy.CapacityProfiles) { ["senior"] = senior },
            Channels = policy.Channels.ToDictionary(c => c.Key, c => c.Key == Channel.Email ? c.Value with { AutoAccept = true } : c.Value),
            OfflineGrace = TimeSpan.FromSeconds(20),
        };
    }

    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    [InlineData(424242)]
    public void Ten_thousand_random_steps_keep_every_routing_promise(int seed)
    {
        var random = new Random(seed);
        var policy = Policy();
        var engine = new RoutingEngine(policy);
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var agents = Enumerable.Range(0, 12).Select(i => $"agent-{i}").ToList();
        foreach (var id in agents)
        {
            var skills = SkillNames.Where(_ => random.NextDouble() < 0.5).ToDictionary(s => s, _ => random.Next(1, 11));
            engine.UpsertAgent(new Agent(id, id, random.NextDouble() < 0.3 ? "senior" : "standard", skills, random.NextDouble() < 0.2 ? ["es", "en"] : ["en"]), now);
            engine.SetAvailability(id, RandomChannels(random), now);
        }

        var refused = new HashSet<(Guid, string)>();
        var onCall = new Dictionary<string, Guid>();
        var live = new List<Guid>();
        var offers = 0;
        for (var step = 0; step < 10_000; step++)
        {
            var roll = random.NextDouble();
            var tasks = engine.Tasks.ToList();
            if (roll < 0.25)
            {
                var channel = AllChannels[random.Next(4)];
                var tech = random.NextDouble() < 0.3;
                var id = Guid.NewGuid();
                engine.Enqueue(new WorkItem(id, channel, tech ? "tech" : channel.ToName(), random.Next(0, 3),
                    tech ? new Dictionary<string, int> { [SkillNames[random.Next(SkillNames.Length)]] = random.Next(1, 5) } : [],
                    random.NextDouble() < 0.1 ? "es" : null, Guid.NewGuid(), now.AddSeconds(-random.Next(0, 30)),
                    channel.IsAsync() ? now.AddSeconds(-random.Next(0, 30)) : null,
                    random.NextDouble() < 0.3 ? agents[random.Next(agents.Count)] : null, now.AddHours(-random.Next(0, 100)),
                    random.NextDouble() < 0.1 ? new HashSet<string> { agents[random.Next(agents.Count)] } : null), now);
                live.Add(id);
            }
            else if (roll < 0.45 && tasks.Where(t => t.State == RoutingTaskState.Offered).ToList() is { Count: > 0 } offered)
            {
                var t = offered[random.Next(offered.Count)];
                if (random.NextDouble() < 0.75)
                {
                    Assert.True(engine.Accept(t.TaskId, t.AgentId!, now));
                }
                else
                {
                    Assert.True(engine.Decline(t.TaskId, t.AgentId!, now));
                    refused.Add((t.TaskId, t.AgentId!));
                }
            }
            else if (roll < 0.6 && tasks.Where(t => t.State == RoutingTaskState.Assigned).ToList() is { Count: > 0 } assigned)
            {
                engine.Complete(assigned[random.Next(assigned.Count)].TaskId, now);
            }
            else if (roll < 0.65 && tasks.Where(t => t.State == RoutingTaskState.WrapUp).ToList() is { Count: > 0 } wrapping)
            {
                engine.EndWrapUp(wrapping[random.Next(wrapping.Count)].TaskId, now);
            }
            else if (roll < 0.7 && tasks.Where(t => t.State == RoutingTaskState.Queued).ToList() is { Count: > 0 } waiting)
            {
                engine.Remove(waiting[random.Next(waiting.Count)].TaskId, now); // the customer gave up
            }
            else if (roll < 0.78)
            {
                var agent = agents[random.Next(agents.Count)];
                engine.SetAvailability(agent, random.NextDouble() < 0.3 ? [] : RandomChannels(random), now);
            }
            else
            {
                now += TimeSpan.FromSeconds(random.Next(1, 40));
                while (engine.NextDueAt is { } due && due <= now)
                {
                    engine.Route(due);
                    offers += Check(engine, policy, due, refused, onCall);
                }
            }

            engine.Route(now);
            offers += Check(engine, policy, now, refused, onCall);
        }

        Assert.True(offers > 1_000, $"only {offers} offers: the random walk did not exercise the router");
    }

    private static Channel[] RandomChannels(Random random) => AllChannels.Where(_ => random.NextDouble() < 0.6).ToArray();

    private static int Check(RoutingEngine engine, RoutingPolicy policy, DateTimeOffset now, HashSet<(Guid, string)> refused, Dictionary<string, Guid> onCall)
    {
        var events = engine.DrainEvents();
        engine.DrainDecisions();
        foreach (var e in events)
        {
            switch (e)
            {
                case OfferMade offer:
                    Assert.False(refused.Contains((offer.TaskId, offer.AgentId)), $"task {offer.TaskId} re-offered to {offer.AgentId}, who declined or missed it");
                    var call = onCall.GetValueOrDefault(offer.AgentId);
                    Assert.False(call != Guid.Empty && engine.GetTask(call)?.AgentId == offer.AgentId,
                        $"{offer.AgentId} was offered {engine.GetTask(offer.TaskId)?.Channel} work during call {call}");
                    break;
                case OfferExpired expired:
                    refused.Add((expired.TaskId, expired.AgentId));
                    break;
            }
        }

        var tasks = engine.Tasks.ToDictionary(t => t.TaskId);
        var agents = engine.Agents.ToList();
        var holders = new Dictionary<Guid, string>();
        foreach (var agent in agents)
        {
            var held = agent.Holding.Select(id => tasks[id]).ToList();
            var profile = policy.CapacityProfiles[agent.TotalUnits == 150 ? "senior" : "standard"];
            Assert.True(agent.UsedUnits <= agent.TotalUnits, $"{agent.AgentId} over capacity: {agent.UsedUnits}/{agent.TotalUnits}");
            Assert.Equal(held.Sum(t => profile.CostOf(t.Channel)), agent.UsedUnits);
            Assert.True(held.Count(t => t.Channel == Channel.Voice) <= 1, $"{agent.AgentId} holds two calls");
            foreach (var task in held)
            {
                Assert.True(holders.TryAdd(task.TaskId, agent.AgentId), $"task {task.TaskId} held by {holders.GetValueOrDefault(task.TaskId)} and {agent.AgentId}");
                Assert.Equal(agent.AgentId, task.AgentId);
            }
        }

        var events2 = events.OfType<OfferMade>().Count();
        foreach (var task in tasks.Values.Where(t => t.State == RoutingTaskState.Queued))
        {
            foreach (var agent in agents)
            {
                Assert.False(engine.IsEligible(task.TaskId, agent.AgentId, now), $"task {task.TaskId} ({task.Channel}, {task.Queue}) waits while {agent.AgentId} could take it");
            }
        }

        Assert.All(tasks.Values.Where(t => t.State != RoutingTaskState.Queued), t => Assert.True(holders.ContainsKey(t.TaskId), $"task {t.TaskId} is {t.State} but no agent holds it"));
        onCall.Clear();
        foreach (var call in tasks.Values.Where(t => t.Channel == Channel.Voice && t.AgentId is not null))
        {
            onCall[call.AgentId!] = call.TaskId;
        }

        return events2;
    }
}
