namespace Connector.Worker.Push;

/// <summary>
/// The journals messages are written to. Each agent (supervisors are agents too) has one: their offers, their work,
/// the breaches of the queues they supervise. Admins share one. A connection follows exactly one stream, so that one
/// number (<c>Resume(afterSeq)</c>) says where its client is.
/// </summary>
internal static class PushStreams
{
    public const string Admins = "admins";

    public static string Agent(string agentId) => $"agent:{agentId}";
}
