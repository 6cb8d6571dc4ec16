namespace Connector.Worker.Acs.Wire;

/// <summary>Body of <c>POST /identities</c>.</summary>
internal sealed record CreateIdentityRequest(IReadOnlyList<string> CreateTokenWithScopes, int? ExpiresInMinutes);
