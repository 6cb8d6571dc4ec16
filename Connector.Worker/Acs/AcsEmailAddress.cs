namespace Connector.Worker.Acs;

/// <summary>An email address and an optional display name.</summary>
public sealed record AcsEmailAddress(string Address, string? DisplayName = null);
