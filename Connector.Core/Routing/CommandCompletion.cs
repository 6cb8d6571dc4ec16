namespace Connector.Core.Routing;

/// <summary>The router applied command <paramref name="Id"/> at <paramref name="At"/>: what the agent's request is answered.</summary>
public sealed record CommandCompletion(long Id, string Result, DateTimeOffset At);
