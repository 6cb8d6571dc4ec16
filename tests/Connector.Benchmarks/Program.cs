using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Connector.Benchmarks;

// dotnet run -c Release --project tests/Connector.Benchmarks [-- --quick [--agents 5000] [--backlog 10000] [--runs 9] | BenchmarkDotNet arguments]
if (args.Contains("--quick"))
{
    QuickBenchmark.Run(Console.Out, args);
    return;
}

// One core for every job (a mutator applies to whatever --job asks for).
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithAffinity(1).AsMutator())
    .AddColumn(StatisticColumn.OperationsPerSecond);
BenchmarkRunner.Run<RoutingDecisionBenchmarks>(config, args);
