using Connector.Core.Channels;

namespace Connector.Worker.Staffing;

/// <summary>The smallest team that meets a <see cref="StaffingRequest"/>, and how it fares by Erlang C.</summary>
/// <param name="Places">Agents × concurrency: the servers of the queue.</param>
/// <param name="ServiceLevel">Erlang C's P(wait ≤ target) with <paramref name="Places"/> places.</param>
/// <param name="Occupancy">Erlangs ÷ places: how busy each place is on average.</param>
internal sealed record StaffingPlan(
    Channel Channel,
    int Agents,
    int Concurrency,
    int Places,
    double Erlangs,
    double ServiceLevel,
    double AverageSpeedOfAnswerSeconds,
    double Occupancy,
    string Method);
