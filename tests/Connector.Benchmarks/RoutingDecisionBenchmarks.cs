using BenchmarkDotNet.Attributes;

namespace Connector.Benchmarks;

/// <summary>
/// Cost of one routing decision in a loaded centre (see <see cref="RoutingScenario"/>). One invocation is one batch:
/// its bookkeeping (K completions, backlog kept at W, K arrivals generated) and then K arrivals routed by
/// Enqueue + Route. BenchmarkDotNet cannot leave the bookkeeping out of an invocation, so Mean here includes it;
/// the quick mode (<c>--quick</c>) times the two apart.
/// </summary>
[MemoryDiagnoser]
public class RoutingDecisionBenchmarks
{
    public const int BatchSize = 100;

    private RoutingScenario _scenario = null!;

    [Params(500, 5_000, 50_000)]
    public int Agents { get; set; }

    [Params(10_000, 100_000)]
    public int Backlog { get; set; }

    [GlobalSetup]
    public void Setup() => _scenario = new RoutingScenario(Agents, Backlog, BatchSize);

    /// <summary>Mean is per arrival routed (Enqueue + Route), bookkeeping included.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void RouteBatch()
    {
        _scenario.Prepare();
        _scenario.RouteArrivals();
    }
}
