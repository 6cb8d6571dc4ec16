namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>An access token the fake issued: whose it is, what it allows, until when.</summary>
public sealed record FakeAcsIssuedToken(string Token, string UserId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresOn);
