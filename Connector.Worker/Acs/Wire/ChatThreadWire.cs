namespace Connector.Worker.Acs.Wire;

/// <summary><c>chatThread</c> of a create-thread answer.</summary>
internal sealed record ChatThreadWire(string? Id, string? Topic, DateTimeOffset? CreatedOn);
