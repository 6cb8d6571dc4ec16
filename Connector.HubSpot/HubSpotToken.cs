namespace Connector.HubSpot;

/// <summary>An access token and when it stops working (never, for a private app's token).</summary>
public sealed record HubSpotToken(string AccessToken, DateTimeOffset? ExpiresAt);
