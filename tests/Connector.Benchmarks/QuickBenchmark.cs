using System.Diagnostics;
using System.Globalization;

namespace Connector.Benchmarks;

/// <summary>
/// <c>--quick</c>: the same scenario without BenchmarkDotNet. Pinned to one core where the OS allows it. Every
/// configuration is built first and warmed up; then the timed runs (<see cref="BatchesPerRun"/> batches each) go
/// round the configurations in turn, so that a machine slowing down for a while (it is shared) slows every
/// configuration alike and the ratios between them hold. Medians per configuration.
/// Only Enqueue + Route is timed; the engine's Remove calls of the completions are timed apart. A decision is an offer
/// (the arrivals that find nobody with room also record a "waiting" decision, inside the timed work but not counted).
/// Ends with the goals per backlog: decisions/s at 5,000 agents and the 50,000/5,000 cost ratio of this run.
/// Options: <c>--agents 5000,50000</c>, <c>--backlog 10000</c> pick configurations; <c>--runs 30</c> runs longer.
/// </summary>
public static class QuickBenchmark
{
    private const int DefaultRuns = 15;
    private const int BatchesPerRun = 40;
    private const int BatchSize = RoutingDecisionBenchmarks.BatchSize;
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(1);
    private static readonly int[] AgentCounts = [500, 5_000, 50_000];

    /// <summary>The goals: decisions per second at 5,000 agents on one core, and cost at 50,000 over cost at 5,000.</summary>
    private const double GoalPerSecond = 250_000;
    private const double GoalRatio = 1.5;

    /// <summary>0 is a reference without a backlog: there, decisions are made from the agent index.</summary>
    private static readonly int[] Backlogs = [0, 10_000, 100_000];

    public static void Run(TextWriter output, IReadOnlyList<string> args)
    {
        var started = Stopwatch.GetTimestamp();
        var agentCounts = Option(args, "--agents") ?? AgentCounts;
        var backlogs = Option(args, "--backlog") ?? Backlogs;
        var runs = Option(args, "--runs")?[0] ?? DefaultRuns;
        output.WriteLine(PinToOneCore() + LoadAverage());
        output.WriteLine($"K = {BatchSize} arrivals a batch, {BatchesPerRun} batches a run, median of {runs} runs after {WarmUpTime.TotalSeconds:0} s warm-up each; the runs go round the configurations in turn.");
        output.WriteLine();
        output.WriteLine("| agents | backlog | decisions/s | ns/decision | cpu ns/decision | B/decision | in GC | offers/arrival | ns/completion | spread | busy | with room | setup |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var configurations = backlogs.SelectMany(backlog => agentCounts.Select(agents => new Configuration(new RoutingScenario(agents, backlog, BatchSize), runs))).ToList();
        foreach (var configuration in configurations)
        {
            configuration.WarmUp();
        }

        GC.Collect();
        for (var run = 0; run < runs; run++)
        {
            foreach (var configuration in configurations)
            {
                configuration.Measure(run);
            }
        }

        var rows = configurations.Select(c => c.Row()).ToList();
        foreach (var row in rows)
        {
            output.WriteLine(Format(row));
        }

        output.WriteLine();
        foreach (var backlog in backlogs)
        {
            if (rows.SingleOrDefault(r => r.Agents == 5_000 && r.Backlog == backlog) is not { } at5k)
            {
                continue;
            }

            var line = string.Create(CultureInfo.InvariantCulture, $"backlog {backlog,7:N0}: at 5,000 agents {at5k.DecisionsPerSecond,9:N0} decisions/s wall, {1e9 / at5k.CpuNsPerDecision,9:N0} cpu ({Verdict(at5k.DecisionsPerSecond >= GoalPerSecond)} ≥ {GoalPerSecond:N0}/s)");
            if (rows.SingleOrDefault(r => r.Agents == 50_000 && r.Backlog == backlog) is { } at50k)
            {
                var wall = at50k.NsPerDecision / at5k.NsPerDecision;
                line += string.Create(CultureInfo.InvariantCulture, $"; ns(50,000)/ns(5,000) = {wall:0.00} wall, {at50k.CpuNsPerDecision / at5k.CpuNsPerDecision:0.00} cpu ({Verdict(wall <= GoalRatio)} ≤ {GoalRatio})");
            }

            output.WriteLine(line);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s{LoadAverage()}"));
    }

    private static string Verdict(bool met) => met ? "goal met:" : "goal NOT met:";

    private static int[]? Option(IReadOnlyList<string> args, string name)
    {
        var at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count
            ? [.. args[at + 1].Split(',').Select(v => int.Parse(v.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture))]
            : null;
    }

    /// <summary>One configuration's scenario and the figures of its timed runs so far.</summary>
    private sealed class Configuration(RoutingScenario scenario, int runs)
    {
        private readonly double[] _wall = new double[runs];
        private readonly double[] _cpu = new double[runs];
        private readonly double[] _bytes = new double[runs];
        private readonly double[] _gc = new double[runs];
        private readonly double[] _perCompletion = new double[runs];
        private readonly double[] _offersPerArrival = new double[runs];

        public void WarmUp()
        {
            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed < WarmUpTime)
            {
                scenario.Prepare();
                scenario.RouteArrivals();
                scenario.Absorb();
            }
        }

        public void Measure(int run)
        {
            long ticks = 0, cpuNs = 0, allocated = 0, offers = 0;
            var paused = TimeSpan.Zero;
            var completionTicks = scenario.CompletionTicks;
            var completions = scenario.Completions;
            for (var batch = 0; batch < BatchesPerRun; batch++)
            {
                scenario.Prepare();
                var pause0 = GC.GetTotalPauseDuration();
                var bytes0 = GC.GetAllocatedBytesForCurrentThread();
                var cpu0 = ThreadCpuClock.NowNs();
                var t0 = Stopwatch.GetTimestamp();
                scenario.RouteArrivals();
                ticks += Stopwatch.GetTimestamp() - t0;
                cpuNs += (ThreadCpuClock.NowNs() - cpu0) ?? 0;
                allocated += GC.GetAllocatedBytesForCurrentThread() - bytes0;
                paused += GC.GetTotalPauseDuration() - pause0;
                offers += scenario.Absorb();
            }

            var ns = ticks * 1e9 / Stopwatch.Frequency;
            offers = Math.Max(offers, 1);
            _wall[run] = ns / offers;
            _cpu[run] = cpuNs / (double)offers;
            _bytes[run] = allocated / (double)offers;
            _gc[run] = paused.TotalNanoseconds / ns;
            _offersPerArrival[run] = offers / (double)(BatchesPerRun * BatchSize);
            _perCompletion[run] = (scenario.CompletionTicks - completionTicks) * 1e9 / Stopwatch.Frequency / Math.Max(scenario.Completions - completions, 1);
        }

        public QuickRow Row()
        {
            var median = Median(_wall);
            var (busy, withRoom) = scenario.Load();
            return new QuickRow(
                scenario.Agents,
                scenario.Backlog,
                1e9 / median,
                median,
                ThreadCpuClock.NowNs() is null ? null : Median(_cpu),
                Median(_bytes),
                Median(_gc),
                Median(_offersPerArrival),
                Median(_perCompletion),
                (_wall.Max() - _wall.Min()) / median,
                busy,
                withRoom,
                scenario.SetupTime);
        }
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Format(QuickRow r) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {r.Agents,6:N0} | {r.Backlog,7:N0} | {r.DecisionsPerSecond,9:N0} | {r.NsPerDecision,8:N0} | {r.CpuNsPerDecision,8:N0} | {r.BytesPerDecision,7:N0} | {r.GcShare,4:P0} | {r.OffersPerArrival,5:0.00} | {r.NsPerCompletion,7:N0} | {r.Spread,4:P0} | {r.Busy,4:P0} | {r.WithRoom,4:P0} | {r.Setup.TotalSeconds,5:0.0} s |");

    // Other work on the machine inflates the wall clock; say how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? "; load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    private static string PinToOneCore()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            return "not pinned: processor affinity is not supported here";
        }

        try
        {
            using var process = Process.GetCurrentProcess();
            process.ProcessorAffinity = 1;
            return "pinned to core 0";
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or PlatformNotSupportedException)
        {
            return "not pinned: " + e.Message;
        }
    }
}
