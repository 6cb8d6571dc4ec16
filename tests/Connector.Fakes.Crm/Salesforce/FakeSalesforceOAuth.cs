using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>
/// POST /services/oauth2/token: the JWT bearer grant (RS256 verified with the connected app's certificate; iss,
/// sub, aud and exp checked) and the client-credentials grant. Answers with OAuth-style error bodies.
/// </summary>
internal sealed class FakeSalesforceOAuth(FakeSalesforceOptions options, Func<Uri> instanceUrl)
{
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Issued { get; private set; }

    public bool IsValid(string token)
    {
        lock (_lock)
        {
            return _tokens.ContainsKey(token);
        }
    }

    /// <summary>Every session issued so far is invalid from now on (as if it timed out or was revoked).</summary>
    public void ExpireAll()
    {
        lock (_lock)
        {
            _tokens.Clear();
        }
    }

    /// <summary>Issues a session directly (for clients given an access token, e.g. the conformance scripts).</summary>
    public string Issue()
    {
        var token = "00DR0000000fake!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('/', '_').Replace('+', '.');
        lock (_lock)
        {
            _tokens[token] = options.Clock.GetUtcNow();
            Issued++;
        }

        return token;
    }

    public FakeSalesforceResponse Answer(IReadOnlyDictionary<string, string> form)
    {
        var grant = form.GetValueOrDefault("grant_type");
        (string Error, string Description)? refusal = grant switch
        {
            "urn:ietf:params:oauth:grant-type:jwt-bearer" => CheckAssertion(form.GetValueOrDefault("assertion")),
            "client_credentials" => form.GetValueOrDefault("client_id") != options.ClientId || form.GetValueOrDefault("client_secret") != options.ClientSecret
                ? ("invalid_client", "invalid client credentials")
                : null,
            _ => ("unsupported_grant_type", "grant type not supported"),
        };
        if (refusal is { } refused)
        {
            return new FakeSalesforceResponse(400, new JsonObject { ["error"] = refused.Error, ["error_description"] = refused.Description });
        }

        var instance = instanceUrl().ToString().TrimEnd('/');
        return new FakeSalesforceResponse(200, new JsonObject
        {
            ["access_token"] = Issue(),
            ["signature"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["scope"] = "api",
            ["instance_url"] = instance,
            ["id"] = $"{instance}/id/00DR0000000fakeAAA/005R0000000fakeAAA",
            ["token_type"] = "Bearer",
            ["issued_at"] = options.Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private (string Error, string Description)? CheckAssertion(string? assertion)
    {
        var parts = assertion?.Split('.') ?? [];
        if (parts.Length != 3)
        {
            return ("invalid_grant", "invalid assertion");
        }

        JsonElement header, claims;
        try
        {
            header = JsonDocument.Parse(Base64UrlDecode(parts[0])).RootElement;
            claims = JsonDocument.Parse(Base64UrlDecode(parts[1])).RootElement;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return ("invalid_grant", "invalid assertion");
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
        {
            return ("invalid_grant", "invalid assertion: algorithm must be RS256");
        }

        if (Text(claims, "iss") != options.ClientId)
        {
            return ("invalid_client_id", "client identifier invalid");
        }

        using var key = options.Certificate?.GetRSAPublicKey();
        byte[] signature;
        try
        {
            signature = Base64UrlDecode(parts[2]);
        }
        catch (FormatException)
        {
            return ("invalid_grant", "invalid assertion");
        }

        if (key is null || !key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return ("invalid_grant", "invalid assertion: the signature does not verify with the connected app's certificate");
        }

        if (Text(claims, "aud") != options.Audience)
        {
            return ("invalid_grant", "audience is invalid");
        }

        if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number
            || DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) <= options.Clock.GetUtcNow())
        {
            return ("invalid_grant", "expired authorization code");
        }

        return Text(claims, "sub") != options.Username ? ("invalid_grant", "user hasn't approved this consumer") : null;
    }

    private static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Base64UrlDecode(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
