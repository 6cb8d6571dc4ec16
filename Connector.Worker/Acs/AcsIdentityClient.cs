using Connector.Worker.Acs.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Acs;

/// <summary>
/// ACS Identity (HMAC): creates ACS users and issues their chat tokens (Microsoft Learn, "Communication Identity -
/// Issue Access Token", https://learn.microsoft.com/rest/api/communication/communication-identity/issue-access-token).
/// </summary>
public sealed class AcsIdentityClient(HttpClient http, AcsConnection connection, IOptions<AcsOptions> options)
{
    private static readonly string[] ChatScope = ["chat"];

    private string ApiVersion => Uri.EscapeDataString(options.Value.ApiVersions.Identity);

    /// <summary>Creates a user with a <c>chat</c> token in one call. Not retried: a retry could create a second user.</summary>
    public async Task<AcsChatUser> CreateChatUserAsync(TimeSpan? tokenLifetime, CancellationToken cancellationToken)
    {
        const string operation = "create identity";
        var uri = new Uri(connection.Current.Endpoint, $"identities?api-version={ApiVersion}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = AcsResponses.Json(new CreateIdentityRequest(ChatScope, Minutes(tokenLifetime))),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await AcsResponses.ReadAsync<CreateIdentityResponse>(response, operation, cancellationToken);
        if (body.Identity?.Id is not { Length: > 0 } id || body.AccessToken is not { Token: { Length: > 0 } token, ExpiresOn: { } expiresOn })
        {
            throw AcsResponses.Malformed(response, operation, "no identity id or access token");
        }

        return new AcsChatUser(id, new AcsAccessToken(token, expiresOn));
    }

    /// <summary>Issues a fresh <c>chat</c> token for an existing user (the connector's own service identity, say).</summary>
    public Task<AcsAccessToken> IssueChatTokenAsync(string userId, TimeSpan? tokenLifetime, CancellationToken cancellationToken) =>
        IssueTokenAsync(userId, ChatScope, tokenLifetime, cancellationToken);

    /// <summary>Issues a fresh token with <paramref name="scopes"/> (<c>chat</c>, <c>voip</c>…) for an existing user.</summary>
    public async Task<AcsAccessToken> IssueTokenAsync(string userId, IReadOnlyList<string> scopes, TimeSpan? tokenLifetime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        const string operation = "issue access token";
        var uri = new Uri(connection.Current.Endpoint, $"identities/{Uri.EscapeDataString(userId)}/:issueAccessToken?api-version={ApiVersion}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = AcsResponses.Json(new IssueAccessTokenRequest(scopes, Minutes(tokenLifetime))),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await AcsResponses.ReadAsync<AccessTokenWire>(response, operation, cancellationToken);
        return body is { Token: { Length: > 0 } token, ExpiresOn: { } expiresOn }
            ? new AcsAccessToken(token, expiresOn)
            : throw AcsResponses.Malformed(response, operation, "no token");
    }

    private static int? Minutes(TimeSpan? lifetime) => lifetime is { } value ? (int)Math.Ceiling(value.TotalMinutes) : null;
}
