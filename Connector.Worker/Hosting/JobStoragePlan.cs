using Hangfire;

namespace Connector.Worker.Hosting;

/// <summary>Where Hangfire keeps its jobs, as the hosting mode decided.</summary>
/// <param name="Use">Points Hangfire's configuration at the storage.</param>
/// <param name="SurvivesRestart">
/// False for the embedded in-memory storage: jobs handed out before a restart are gone, so the outbox's leases on
/// them guard nothing and are released at start.
/// </param>
public sealed record JobStoragePlan(Action<IGlobalConfiguration> Use, bool SurvivesRestart);
