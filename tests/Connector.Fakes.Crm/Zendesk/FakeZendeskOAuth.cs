using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Zendesk;

/// <summary>
/// <c>POST /oauth/tokens</c> with <c>grant_type=refresh_token</c> (JSON or form): the client's id and secret and a
/// refresh token it was given buy an access token that lasts <see cref="FakeZendeskOptions.AccessTokenLifetimeSeconds"/>.
/// </summary>
internal sealed class FakeZendeskOAuth(FakeZendeskOptions options)
{
    private readonly HashSet<string> _valid = new(StringComparer.Ordinal);

    public int Issued { get; private set; }

    public bool IsValid(string token) => _valid.Contains(token);

    public string Issue()
    {
        var token = $"zd_{Guid.NewGuid():N}";
        _valid.Add(token);
        Issued++;
        return token;
    }

    public void ExpireAll() => _valid.Clear();

    public FakeZendeskResponse Answer(IReadOnlyDictionary<string, string> form)
    {
        string Field(string name) => form.TryGetValue(name, out var value) ? value : "";
        if (Field("grant_type") != "refresh_token")
        {
            return FakeZendeskResponse.Json(400, new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "The authorization grant type is not supported by the authorization server." });
        }

        if (Field("client_id") != options.OAuthClientId || Field("client_secret") != options.OAuthClientSecret)
        {
            return FakeZendeskResponse.Json(401, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method." });
        }

        if (Field("refresh_token") != options.OAuthRefreshToken)
        {
            return FakeZendeskResponse.Json(400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client." });
        }

        return FakeZendeskResponse.Json(200, new JsonObject
        {
            ["access_token"] = Issue(),
            ["token_type"] = "bearer",
            ["scope"] = "read write",
            ["expires_in"] = options.AccessTokenLifetimeSeconds,
            ["refresh_token"] = options.OAuthRefreshToken,
            ["refresh_token_expires_in"] = 7_776_000,
        });
    }
}
