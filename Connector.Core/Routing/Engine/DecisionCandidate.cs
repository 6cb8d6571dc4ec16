namespace Connector.Core.Routing.Engine;

/// <summary>One agent the router looked at for a task, with its score and why it was or was not taken.</summary>
public sealed record DecisionCandidate(string AgentId, double Score, bool Eligible, string Reason);
