using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.HubSpot;

/// <summary>
/// <c>POST /oauth/v1/token</c> with <c>grant_type=refresh_token</c> (client id, secret and the install's refresh
/// token), issuing access tokens that expire after <see cref="FakeHubSpotOptions.AccessTokenLifetime"/>; and the
/// private app's static token. Errors in HubSpot's words (BAD_CLIENT_ID, BAD_REFRESH_TOKEN, BAD_GRANT_TYPE).
/// </summary>
internal sealed class FakeHubSpotOAuth(FakeHubSpotOptions options)
{
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private int _issued;

    public int Issued => Volatile.Read(ref _issued);

    public FakeHubSpotResponse Answer(IReadOnlyDictionary<string, string> form)
    {
        if (form.GetValueOrDefault("grant_type") is not ("refresh_token" or "authorization_code"))
        {
            return Refused("BAD_GRANT_TYPE", "grant_type must be authorization_code or refresh_token");
        }

        if (form.GetValueOrDefault("client_id") != options.ClientId || form.GetValueOrDefault("client_secret") != options.ClientSecret)
        {
            return Refused("BAD_CLIENT_ID", "missing or invalid client_id or client_secret");
        }

        if (form.GetValueOrDefault("grant_type") == "authorization_code" || form.GetValueOrDefault("refresh_token") != options.RefreshToken)
        {
            return Refused("BAD_REFRESH_TOKEN", "missing or unknown refresh token");
        }

        return new FakeHubSpotResponse(200, new JsonObject
        {
            ["token_type"] = "bearer",
            ["access_token"] = Issue(),
            ["refresh_token"] = options.RefreshToken,
            ["expires_in"] = (int)options.AccessTokenLifetime.TotalSeconds,
        });
    }

    public string Issue()
    {
        lock (_tokens)
        {
            var token = "CJ" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=');
            _tokens[token] = options.Clock.GetUtcNow() + options.AccessTokenLifetime;
            Interlocked.Increment(ref _issued);
            return token;
        }
    }

    /// <summary>Null when the token is good; else the 401 HubSpot answers.</summary>
    public FakeHubSpotResponse? Check(string? authorization)
    {
        var token = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        if (token == options.PrivateAppToken)
        {
            return null;
        }

        lock (_tokens)
        {
            if (token is null || !_tokens.TryGetValue(token, out var expiresAt))
            {
                return FakeHubSpotResponse.Error(401, "INVALID_AUTHENTICATION",
                    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
            }

            var now = options.Clock.GetUtcNow();
            return now < expiresAt ? null : FakeHubSpotResponse.Error(401, "EXPIRED_AUTHENTICATION",
                $"The OAuth token used to make this call expired {(int)(now - expiresAt).TotalSeconds} second(s) ago.");
        }
    }

    /// <summary>Every OAuth token issued so far stops working (the private app's token does not).</summary>
    public void ExpireAll()
    {
        lock (_tokens)
        {
            foreach (var token in _tokens.Keys.ToList())
            {
                _tokens[token] = DateTimeOffset.MinValue;
            }
        }
    }

    private static FakeHubSpotResponse Refused(string status, string message) => new(400, new JsonObject
    {
        ["status"] = status,
        ["message"] = message,
        ["correlationId"] = Guid.NewGuid().ToString(),
    });
}
