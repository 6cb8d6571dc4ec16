namespace Connector.Worker.Acs;

/// <summary>A new ACS user and its first access token.</summary>
public sealed record AcsChatUser(string UserId, AcsAccessToken AccessToken);
