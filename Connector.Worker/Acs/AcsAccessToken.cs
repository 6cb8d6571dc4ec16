namespace Connector.Worker.Acs;

/// <summary>An ACS user access token: a secret, sent as <c>Authorization: Bearer</c> to Chat; never log it.</summary>
public sealed record AcsAccessToken(string Token, DateTimeOffset ExpiresOn)
{
    /// <summary>The expiry only: the token must not reach logs through string formatting.</summary>
    public override string ToString() => $"AcsAccessToken {{ ExpiresOn = {ExpiresOn:O} }}";
}
