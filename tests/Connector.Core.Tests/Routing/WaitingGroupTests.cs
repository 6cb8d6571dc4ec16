using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Tests.Routing;

/// <summary>
/// A waiting group (a heap with slots kept in its tasks) held against a sorted list after every one of thousands of
/// random adds, removes and looks, with many tied keys: its head, and the first task past the head that fits.
/// </summary>
public sealed class WaitingGroupTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(7)]
    [InlineData(4242)]
    public void A_group_gives_its_tasks_in_order_however_they_come_and_go(int seed)
    {
        var random = new Random(seed);
        var policy = RoutingPolicy.Default();
        var order = new TaskOrder(policy);
        var queue = policy.Queues[Channel.Chat.ToName()];
        var shape = new CriteriaShapes().Of([], null);
        var line = new WaitingQueue(queue, Channel.Chat, order);
        var tasks = Enumerable.Range(0, 400).Select(i => new TaskState(NewItem(), new QueueState(queue, 0, []), shape, shape.StepsIn(0, queue.Steps.Count), i) { WaitingIn = line }).ToList();
        var agent = new AgentState(new Agent("agent-1", "Agent 1", CapacityProfile.Standard.Name, new Dictionary<string, int>(), ["en"]), CapacityProfile.Standard, new SkillCatalog(), 0, 0, Now);
        var group = new WaitingGroup(0, null, order);
        var inGroup = new List<TaskState>();
        var walkedPastHead = 0;

        for (var step = 0; step < 6_000; step++)
        {
            var roll = random.NextDouble();
            if (roll < 0.45 && tasks.Except(inGroup).ToList() is { Count: > 0 } outside)
            {
                // Few distinct keys: many ties, which the sequence breaks.
                var task = outside[random.Next(outside.Count)];
                task.OrderKey = random.Next(0, 6);
                group.Add(task);
                inGroup.Add(task);
            }
            else if (roll < 0.8 && inGroup.Count > 0)
            {
                var task = inGroup[random.Next(inGroup.Count)];
                group.Remove(task);
                inGroup.Remove(task);
                Assert.Equal(-1, task.GroupSlot);
            }
            else
            {
                var modulus = random.Next(1, 8);
                var rest = random.Next(modulus);
                bool Fits(TaskState t) => t.Sequence % modulus == rest;
                var best = random.NextDouble() < 0.3 ? null : tasks.Except(inGroup).Skip(random.Next(10)).FirstOrDefault();
                var sorted = inGroup.Order(order).ToList();
                var expected = sorted.FirstOrDefault(t => Fits(t) && (best is null || order.Compare(t, best) < 0)) ?? best;

                var found = group.FirstFitBefore(best, agent, (in WaitingEntry e, AgentState a) => Fits(e.Task));

                Assert.Same(expected, found);
                if (found is not null && sorted.Count > 0 && !ReferenceEquals(found, sorted[0]) && !ReferenceEquals(found, best))
                {
                    walkedPastHead++;
                }
            }

            Assert.Equal(inGroup.Count, group.Count);
            Assert.Same(inGroup.Order(order).FirstOrDefault(), group.Head);
            Assert.True(group.IsConsistent(), $"seed {seed}, step {step}: heap out of order or slots wrong");
        }

        Assert.True(walkedPastHead > 100, $"only {walkedPastHead} looks went past the head: the walk was not exercised");
    }

    private static WorkItem NewItem() =>
        new(Guid.NewGuid(), Channel.Chat, Channel.Chat.ToName(), 0, new Dictionary<string, int>(), null, Guid.NewGuid(), Now);
}
