using System.Diagnostics;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;

namespace Connector.Benchmarks;

/// <summary>
/// A loaded contact centre held stationary around one <see cref="RoutingEngine"/>: N agents, mostly busy, and W
/// waiting tasks. <see cref="Prepare"/> is the untimed bookkeeping of a batch: K held tasks complete (their agents
/// regain room), the backlog is brought back to W (random waiting tasks are abandoned, or new ones added), and
/// K arrivals are generated. <see cref="RouteArrivals"/> is the timed part: each arrival by Enqueue + Route.
/// </summary>
/// <remarks>
/// After a Route no waiting task has an eligible agent with room, so a backlog and idle room for it cannot
/// coexist. With a backlog, the agents with room are the ones that just completed work: the first Route of a batch
/// sweeps them and each takes the best waiting task it may serve, while the arrivals mostly find nobody with room
/// and join the backlog. Without one (backlog 0), arrivals are offered from the agent index.
/// The clock stands still (all work arrives at <see cref="Now"/>), so no time-out comes due: offers stay held
/// until completed, no step relaxes, and the engine's timer queue only grows (about 3 entries a decision).
/// </remarks>
public sealed class RoutingScenario
{
    public const int DefaultSeed = 20_250_602;

    /// <summary>Loading stops at this share of all capacity units in use…</summary>
    private const double TargetLoad = 0.8;

    /// <summary>…or when this many tasks in a row found no agent with room.</summary>
    private const int MissesToStopLoading = 5_000;

    public static readonly DateTimeOffset Now = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Workload _workload;
    private readonly IdPool _held = new();
    private readonly IdPool _waiting = new();
    private readonly WorkItem[] _arrivals;

    public RoutingScenario(int agents, int backlog, int batchSize, int seed = DefaultSeed)
    {
        Agents = agents;
        Backlog = backlog;
        BatchSize = batchSize;
        _workload = new Workload(seed);
        _arrivals = new WorkItem[batchSize];
        var started = Stopwatch.GetTimestamp();
        Engine = new RoutingEngine(RoutingPolicy.Default());
        for (var i = 0; i < agents; i++)
        {
            var profile = _workload.NewAgent(i);
            Engine.UpsertAgent(profile, Now);
            Engine.SetAvailability(profile.Id, _workload.NewAvailability(), Now);
        }

        Engine.Route(Now);
        LoadAgents();
        KeepBacklog();
        SetupTime = Stopwatch.GetElapsedTime(started);
    }

    public RoutingEngine Engine { get; }
    public int Agents { get; }
    public int Backlog { get; }
    public int BatchSize { get; }
    public TimeSpan SetupTime { get; }
    public int HeldCount => _held.Count;
    public int WaitingCount => _waiting.Count;

    /// <summary>Stopwatch ticks spent in the engine's Remove calls of the completions, since the start.</summary>
    public long CompletionTicks { get; private set; }

    /// <summary>Completions made by <see cref="Prepare"/>, since the start.</summary>
    public long Completions { get; private set; }

    /// <summary>Untimed bookkeeping before a batch; see the class summary.</summary>
    public void Prepare()
    {
        Absorb();
        KeepBacklog();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < BatchSize && _held.Count > 0; i++)
        {
            Engine.Remove(_held.TakeRandom(_workload.Random), Now);
            Completions++;
        }

        CompletionTicks += Stopwatch.GetTimestamp() - started;
        for (var i = 0; i < _arrivals.Length; i++)
        {
            _arrivals[i] = _workload.NewTask(Now);
            _waiting.Add(_arrivals[i].TaskId);
        }
    }

    /// <summary>The measured operation: every arrival of the batch is routed by Enqueue + Route.</summary>
    public void RouteArrivals()
    {
        foreach (var item in _arrivals)
        {
            Engine.Enqueue(item, Now);
            Engine.Route(Now);
        }
    }

    /// <summary>Untimed: moves offered tasks from waiting to held; returns the offers made since the last call.</summary>
    public int Absorb()
    {
        var offers = 0;
        foreach (var e in Engine.DrainEvents())
        {
            if (e is OfferMade offer)
            {
                _waiting.Remove(offer.TaskId);
                _held.Add(offer.TaskId);
                offers++;
            }
        }

        Engine.DrainDecisions();
        return offers;
    }

    /// <summary>Mean used share of capacity, and the share of agents with room for a task of a channel they are on.</summary>
    public (double Busy, double WithRoom) Load()
    {
        var agents = Engine.Agents.ToList();
        var busy = agents.Average(a => (double)a.UsedUnits / a.TotalUnits);
        var withRoom = agents.Count(a => a.Available.Any(c => a.TotalUnits - a.UsedUnits >= CapacityProfile.Standard.CostOf(c)) && a.UsedUnits < 100) / (double)agents.Count;
        return (busy, withRoom);
    }

    // Place random work (a task that finds no agent with room is withdrawn) until the target load is reached.
    private void LoadAgents()
    {
        var misses = 0;
        var units = 0L;
        var target = (long)(TargetLoad * Agents * CapacityProfile.Standard.Total);
        while (misses < MissesToStopLoading && units < target)
        {
            var item = _workload.NewTask(Now);
            Engine.Enqueue(item, Now);
            Engine.Route(Now);
            if (Engine.GetTask(item.TaskId)!.State == RoutingTaskState.Queued)
            {
                Engine.Remove(item.TaskId, Now);
                misses++;
            }
            else
            {
                _held.Add(item.TaskId);
                units += CapacityProfile.Standard.CostOf(item.Channel);
                misses = 0;
            }
        }

        Engine.DrainEvents();
        Engine.DrainDecisions();
    }

    // W waiting tasks: abandon random extras, or add new work until W of it waits.
    private void KeepBacklog()
    {
        while (_waiting.Count > Backlog)
        {
            Engine.Remove(_waiting.TakeRandom(_workload.Random), Now);
        }

        while (_waiting.Count < Backlog)
        {
            for (var missing = Backlog - _waiting.Count; missing > 0; missing--)
            {
                var item = _workload.NewTask(Now);
                Engine.Enqueue(item, Now);
                _waiting.Add(item.TaskId);
            }

            Engine.Route(Now);
            Absorb();
        }
    }
}
