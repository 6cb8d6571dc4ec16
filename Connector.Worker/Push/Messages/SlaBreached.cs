namespace Connector.Worker.Push.Messages;

/// <summary>A task missed its channel's <c>answer</c> or <c>firstResponse</c> target (<see cref="Kind"/>); its priority was raised.</summary>
public sealed record SlaBreached(Guid TaskId, string Channel, string? Queue, string Kind, TimeSpan Target, int Priority);
