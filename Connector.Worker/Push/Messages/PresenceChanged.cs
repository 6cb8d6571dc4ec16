namespace Connector.Worker.Push.Messages;

/// <summary>The channels an agent is online for now (empty: offline or set away).</summary>
public sealed record PresenceChanged(string AgentId, IReadOnlyList<string> Channels);
