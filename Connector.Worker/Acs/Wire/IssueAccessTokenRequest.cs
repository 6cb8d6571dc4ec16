namespace Connector.Worker.Acs.Wire;

/// <summary>Body of <c>POST /identities/{id}/:issueAccessToken</c>.</summary>
internal sealed record IssueAccessTokenRequest(IReadOnlyList<string> Scopes, int? ExpiresInMinutes);
