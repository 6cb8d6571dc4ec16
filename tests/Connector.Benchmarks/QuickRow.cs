namespace Connector.Benchmarks;

/// <summary>One line of the quick table: medians over the timed runs of one configuration.</summary>
/// <param name="NsPerDecision">Wall clock of Enqueue + Route over the run, divided by the offers made.</param>
/// <param name="CpuNsPerDecision">The same with the thread's CPU time (null where it cannot be read).</param>
/// <param name="Spread">(slowest − fastest run) / median, wall clock.</param>
/// <param name="GcShare">Share of the timed wall clock spent in GC pauses.</param>
public sealed record QuickRow(
    int Agents,
    int Backlog,
    double DecisionsPerSecond,
    double NsPerDecision,
    double? CpuNsPerDecision,
    double BytesPerDecision,
    double GcShare,
    double OffersPerArrival,
    double NsPerCompletion,
    double Spread,
    double Busy,
    double WithRoom,
    TimeSpan Setup);
