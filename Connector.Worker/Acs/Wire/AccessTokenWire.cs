namespace Connector.Worker.Acs.Wire;

/// <summary><c>{"token","expiresOn"}</c>.</summary>
internal sealed record AccessTokenWire(string? Token, DateTimeOffset? ExpiresOn);
