namespace Connector.Core.Routing.Engine;

/// <summary>
/// Where a task stands against its channel's targets, as the store remembers it: a router rebuilt from the store
/// neither counts a breach twice (nor raises the priority twice) nor times a first response that was already given.
/// </summary>
public sealed record SlaProgress(bool AnswerBreached, bool FirstResponseBreached, bool Responded);
