using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Tests.Routing;

/// <summary>A routing engine with a clock, and short ways to say who is online and what arrives.</summary>
internal sealed class RouterHarness
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public RouterHarness(RoutingPolicy? policy = null)
    {
        Engine = new RoutingEngine(policy ?? RoutingPolicy.Default());
    }

    public RoutingEngine Engine { get; }
    public DateTimeOffset Now { get; private set; } = Start;
    public List<RoutingEvent> Events { get; } = [];
    public List<RoutingDecision> Decisions { get; } = [];

    public RouterHarness Agent(string id, Channel[]? online = null, Dictionary<string, int>? skills = null, string profile = "standard", string[]? languages = null)
    {
        Engine.UpsertAgent(new Agent(id, id, profile, skills ?? [], languages ?? ["en"]), Now);
        Engine.SetAvailability(id, online ?? Enum.GetValues<Channel>(), Now);
        Route();
        return this;
    }

    public Guid Arrive(Channel channel, string? queue = null, int priority = 0, Dictionary<string, int>? skills = null,
        string? preferred = null, DateTimeOffset? preferredSince = null, string[]? excluded = null, string? language = null,
        DateTimeOffset? arrivedAt = null, DateTimeOffset? lastMessageAt = null, Guid? id = null)
    {
        var taskId = id ?? Guid.NewGuid();
        Engine.Enqueue(new WorkItem(taskId, channel, queue ?? channel.ToName(), priority, skills ?? [], language, Guid.NewGuid(),
            arrivedAt ?? Now, lastMessageAt, preferred, preferredSince, excluded?.ToHashSet()), Now);
        Route();
        return taskId;
    }

    public void Advance(TimeSpan by)
    {
        var target = Now + by;
        // Fire every time-out in order, as the host does.
        while (Engine.NextDueAt is { } due && due <= target)
        {
            Now = due > Now ? due : Now;
            Route();
        }

        Now = target;
        Route();
    }

    public void Route()
    {
        Engine.Route(Now);
        Events.AddRange(Engine.DrainEvents());
        Decisions.AddRange(Engine.DrainDecisions());
    }

    public TaskSnapshot Task(Guid id) => Engine.GetTask(id) ?? throw new InvalidOperationException($"task {id} is gone");

    public string? AgentOf(Guid id) => Engine.GetTask(id)?.AgentId;

    public void Accept(Guid id) { Assert.True(Engine.Accept(id, AgentOf(id)!, Now)); Route(); }

    public void Decline(Guid id) { Assert.True(Engine.Decline(id, AgentOf(id)!, Now)); Route(); }

    public void Complete(Guid id) { Assert.True(Engine.Complete(id, Now)); Route(); }

    public void Online(string agent, params Channel[] channels) { Engine.SetAvailability(agent, channels, Now); Route(); }

    public static Dictionary<string, int> Skills(params (string Name, int Level)[] skills) => skills.ToDictionary(s => s.Name, s => s.Level);
}
