namespace Connector.Worker.Kpis;

/// <summary>One change of an agent's presence (<c>agent_presence_log</c>): from <see cref="At"/> on, online for <see cref="Channels"/>.</summary>
internal sealed class KpiPresenceRow
{
    public string AgentId { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>Comma-separated; empty: offline.</summary>
    public string Channels { get; set; } = "";
}
