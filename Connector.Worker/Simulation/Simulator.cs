using Connector.Core.Channels;
using Connector.Core.Charter;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;

namespace Connector.Worker.Simulation;

/// <summary>
/// Runs a scenario through the real <see cref="RoutingEngine"/> in simulated time. A discrete-event loop steps
/// to whichever comes first, the next event of the simulated world (an arrival, the end of a conversation, a
/// customer's patience running out) or the engine's next time-out (<see cref="RoutingEngine.NextDueAt"/>:
/// wrap-up ends, SLA breaches, routing steps), and calls <see cref="RoutingEngine.Route"/> after each.
/// Simulated agents accept every offer the moment it is made. One seeded <see cref="Random"/> draws everything
/// and the order of events is total, so the same scenario and seed give the same report.
/// </summary>
internal sealed class Simulator
{
    /// <summary>A Monday at midnight: simulated time starts here.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private readonly Scenario _scenario;
    private readonly RoutingEngine _engine;
    private readonly Random _random;
    private readonly Action<RoutingEngine, DateTimeOffset>? _afterEveryRoute;
    private readonly DateTimeOffset _measureFrom;
    private readonly DateTimeOffset _end;
    private readonly PriorityQueue<SimulationEvent, (DateTimeOffset At, long Sequence)> _events = new();
    private readonly Dictionary<Channel, Journey> _journeys = [];
    private readonly Dictionary<Channel, ChannelTally> _channels = [];
    private readonly Dictionary<string, AgentTally> _agents = [];
    private readonly Dictionary<Guid, SimulatedTask> _tasks = [];
    private long _sequence;
    private int _taskNumber;

    private Simulator(Scenario scenario, RoutingPolicy policy, Action<RoutingEngine, DateTimeOffset>? afterEveryRoute)
    {
        _scenario = scenario;
        _engine = new RoutingEngine(policy);
        _random = new Random(scenario.Seed);
        _afterEveryRoute = afterEveryRoute;
        _measureFrom = Epoch + TimeSpan.FromHours(scenario.WarmupHours);
        _end = Epoch + TimeSpan.FromHours(scenario.DurationHours);
        foreach (var load in scenario.Channels)
        {
            _journeys[load.Channel] = JourneyOf(policy, load.Channel, scenario.Source);
            _channels[load.Channel] = new ChannelTally(load);
        }
    }

    /// <param name="charter">The charter's policy; null: the default policy with zero wrap-up (see <see cref="SimulationPolicy"/>).</param>
    /// <param name="afterEveryRoute">Called after every routing cycle, to inspect the engine (tests check invariants here).</param>
    /// <exception cref="CharterException">The policy has no journey for one of the scenario's channels.</exception>
    public static SimulationReport Run(Scenario scenario, RoutingPolicy? charter = null, Action<RoutingEngine, DateTimeOffset>? afterEveryRoute = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.DurationHours <= 0 || scenario.WarmupHours < 0 || scenario.WarmupHours >= scenario.DurationHours)
        {
            throw new ArgumentException("The scenario needs 0 ≤ warmupHours < durationHours.", nameof(scenario));
        }

        return new Simulator(scenario, SimulationPolicy.For(scenario, charter), afterEveryRoute).Execute();
    }

    private SimulationReport Execute()
    {
        foreach (var group in _scenario.Agents)
        {
            for (var n = 1; n <= group.Count; n++)
            {
                var id = $"{group.Name}-{n}";
                _engine.UpsertAgent(new Agent(id, id, group.Name, group.Skills, group.Languages), Epoch);
                _engine.SetAvailability(id, group.Channels, Epoch);
                _agents[id] = new AgentTally(id, group, _measureFrom, _end);
            }
        }

        RouteAndRespond(Epoch);
        foreach (var load in _scenario.Channels.Where(l => l.ArrivalsPerHour > 0))
        {
            Schedule(Epoch + Exponential(3600 / load.ArrivalsPerHour), new SimulationEvent(SimulationEventKind.Arrival, load.Channel, Guid.Empty));
        }

        while (NextAt() is { } now && now <= _end)
        {
            // One world event at a time, each followed by a routing cycle, as a live Worker would see them.
            if (_events.TryPeek(out var next, out var key) && key.At == now)
            {
                _events.Dequeue();
                Handle(next, now);
            }

            RouteAndRespond(now);
        }

        foreach (var agent in _agents.Values)
        {
            agent.AdvanceTo(_end);
        }

        return Report();
    }

    private DateTimeOffset? NextAt()
    {
        DateTimeOffset? world = _events.TryPeek(out _, out var key) ? key.At : null;
        var engine = _engine.NextDueAt;
        return world is null ? engine : engine is null ? world : world < engine ? world : engine;
    }

    private void Schedule(DateTimeOffset at, SimulationEvent e) => _events.Enqueue(e, (at, _sequence++));

    /// <summary>Exponentially distributed, with this mean, rounded to the tick.</summary>
    private TimeSpan Exponential(double meanSeconds) =>
        TimeSpan.FromTicks((long)Math.Round(-meanSeconds * Math.Log(1 - _random.NextDouble()) * TimeSpan.TicksPerSecond));

    private void Handle(SimulationEvent e, DateTimeOffset now)
    {
        switch (e.Kind)
        {
            case SimulationEventKind.Arrival:
                Arrive(_channels[e.Channel].Load, now);
                break;
            case SimulationEventKind.HandlingEnds:
                _engine.Complete(e.TaskId, now);
                break;
            case SimulationEventKind.PatienceRunsOut:
                if (_tasks.TryGetValue(e.TaskId, out var task) && task.AssignedAt is null && _engine.Remove(task.Id, now) && task.Counted)
                {
                    _channels[task.Channel].Abandoned++;
                }

                break;
        }
    }

    private void Arrive(ChannelLoad load, DateTimeOffset now)
    {
        // Drawn in a fixed order per arrival: gap to the next, handle time, patience.
        Schedule(now + Exponential(3600 / load.ArrivalsPerHour), new SimulationEvent(SimulationEventKind.Arrival, load.Channel, Guid.Empty));
        var handle = Exponential(load.MeanHandleSeconds);
        var task = new SimulatedTask(TaskId(++_taskNumber), load.Channel, now, now >= _measureFrom, handle);
        _tasks[task.Id] = task;
        if (task.Counted)
        {
            _channels[load.Channel].Offered++;
        }

        var journey = _journeys[load.Channel];
        _engine.Enqueue(new WorkItem(task.Id, load.Channel, journey.Queue, journey.Priority, journey.Skills, journey.Language, task.Id, now), now);
        if (load.MeanPatienceSeconds > 0)
        {
            Schedule(now + Exponential(load.MeanPatienceSeconds), new SimulationEvent(SimulationEventKind.PatienceRunsOut, load.Channel, task.Id));
        }
    }

    /// <summary>Routes, then plays the agents' part: every offer is accepted at once.</summary>
    private void RouteAndRespond(DateTimeOffset now)
    {
        _engine.Route(now);
        _afterEveryRoute?.Invoke(_engine, now);
        for (var events = _engine.DrainEvents(); events.Count > 0; events = _engine.DrainEvents())
        {
            foreach (var e in events)
            {
                Observe(e, now);
            }
        }

        // Nobody reads the decision log here; drained so it does not grow for the whole run.
        _engine.DrainDecisions();
    }

    private void Observe(RoutingEvent e, DateTimeOffset now)
    {
        switch (e)
        {
            case OfferMade offer:
                Hold(_tasks[offer.TaskId], offer.AgentId, offer.At);
                if (!_engine.Accept(offer.TaskId, offer.AgentId, now))
                {
                    throw new InvalidOperationException($"The engine refused {offer.AgentId}'s acceptance of task {offer.TaskId} at {now:O}, the instant it was offered.");
                }

                break;
            case TaskAssigned assigned:
                Assigned(_tasks[assigned.TaskId], assigned.AgentId, assigned.At);
                break;
            case TaskRequeued { FromAgentId: not null } requeued:
                Release(_tasks[requeued.TaskId], requeued.At);
                break;
            case TaskReleased released when _tasks.Remove(released.TaskId, out var task):
                Release(task, released.At);
                break;
        }
    }

    private void Hold(SimulatedTask task, string agentId, DateTimeOffset at)
    {
        if (task.HeldBy is null)
        {
            task.HeldBy = agentId;
            _agents[agentId].Hold(task.Channel, at);
        }
    }

    private void Release(SimulatedTask task, DateTimeOffset at)
    {
        if (task.HeldBy is { } agentId)
        {
            _agents[agentId].Release(task.Channel, at);
            task.HeldBy = null;
        }
    }

    private void Assigned(SimulatedTask task, string agentId, DateTimeOffset at)
    {
        // Auto-accepted work is assigned without an offer event.
        Hold(task, agentId, at);
        if (task.AssignedAt is not null)
        {
            return;
        }

        task.AssignedAt = at;
        Schedule(at + task.HandleTime, new SimulationEvent(SimulationEventKind.HandlingEnds, task.Channel, task.Id));
        if (task.Counted)
        {
            var tally = _channels[task.Channel];
            var wait = (at - task.ArrivedAt).TotalSeconds;
            tally.Handled++;
            tally.TotalSecondsToAnswer += wait;
            tally.AnsweredWithinSla += wait <= tally.Load.SlaSeconds ? 1 : 0;
            _agents[agentId].CountHandled(task.Channel);
        }
    }

    private SimulationReport Report()
    {
        var measured = (_end - _measureFrom).TotalSeconds;
        var channels = new Dictionary<string, ChannelReport>();
        foreach (var (channel, t) in _channels)
        {
            var servers = _agents.Values.Where(a => a.Group.Channels.Contains(channel)).ToList();
            channels[channel.ToName()] = new ChannelReport(
                t.Offered,
                t.Handled,
                t.Abandoned,
                t.Offered - t.Handled - t.Abandoned,
                t.AnsweredWithinSla,
                t.Load.SlaSeconds,
                t.Offered > 0 ? Fraction((double)t.AnsweredWithinSla / t.Offered) : null,
                t.Handled > 0 ? Math.Round(t.TotalSecondsToAnswer / t.Handled, 2) : null,
                servers.Count > 0 ? Fraction(servers.Sum(a => a.BusySecondsOn(channel)) / (servers.Count * measured)) : null);
        }

        var groups = _scenario.Agents.Select(g => GroupReport(g, [.. _agents.Values.Where(a => a.Group == g)], measured)).ToList();
        var all = _agents.Values.ToList();
        return new SimulationReport(
            _scenario.Seed,
            _scenario.DurationHours,
            _scenario.WarmupHours,
            _scenario.Charter,
            channels,
            new AgentsReport(all.Count, Occupancy(all, measured), CapacityUsed(all, measured), groups));
    }

    private AgentGroupReport GroupReport(AgentGroup group, List<AgentTally> agents, double measured) => new(
        group.Name,
        group.Count,
        group.Channels,
        Occupancy(agents, measured),
        CapacityUsed(agents, measured),
        _channels.Keys.ToDictionary(c => c.ToName(), c => agents.Sum(a => a.HandledOn(c))));

    private static double Occupancy(List<AgentTally> agents, double measured) =>
        agents.Count == 0 ? 0 : Fraction(agents.Sum(a => a.BusySeconds) / (agents.Count * measured));

    private static double CapacityUsed(List<AgentTally> agents, double measured) =>
        agents.Count == 0 ? 0 : Fraction(agents.Sum(a => a.UnitSeconds) / agents.Sum(a => (double)a.Group.Capacity.Total * measured));

    private static double Fraction(double value) => Math.Round(value, 4);

    /// <summary>Task ids from a counter: deterministic, and drawing them does not disturb the random stream.</summary>
    private static Guid TaskId(int number) => new(number, 0x5155, 0x4555, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Work on a channel takes the queue, skills, priority and language of the channel's journey, as live work does.</summary>
    private static Journey JourneyOf(RoutingPolicy policy, Channel channel, string source)
    {
        if (policy.ChannelJourneys.TryGetValue(channel, out var name) && policy.Journeys.TryGetValue(name, out var journey) && policy.Queues.ContainsKey(journey.Queue))
        {
            return journey;
        }

        throw new CharterException([new CharterError(source, 0, 0, $"channels.{channel.ToName()}", "the routing policy has no journey (with a defined queue) for this channel")]);
    }
}
