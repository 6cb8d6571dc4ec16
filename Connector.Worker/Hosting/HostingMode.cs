namespace Connector.Worker.Hosting;

/// <summary>What the Worker runs on, chosen once from <c>ConnectionStrings:Connector</c>.</summary>
public enum HostingMode
{
    /// <summary>One machine: SQLite under the data directory, Hangfire in memory, leadership and locks in process.</summary>
    Embedded,

    /// <summary>
    /// Several Workers on one PostgreSQL: the store, Hangfire, the router's leadership and the per-customer CRM
    /// locks all live there, so any Worker can die and another carries on.
    /// </summary>
    Shared,
}
