namespace Connector.Dynamics;

/// <summary>A bearer token and when to stop using it (some minutes before Entra ID's expiry).</summary>
public sealed record DynamicsAccessToken(string Value, DateTimeOffset RefreshAt);
