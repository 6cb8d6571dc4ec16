using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Dynamics;

/// <summary>
/// Entra ID's v2.0 token endpoint for one tenant and one app registration: client credentials with the client secret
/// or with a client assertion (an RS256 JWT signed by the certificate uploaded to the app, named by its x5t, for this
/// endpoint as audience, not expired). The scope must be the environment's <c>/.default</c>. Refusals carry the
/// AADSTS codes Entra ID answers with.
/// </summary>
public sealed class FakeDynamicsEntraId(FakeDynamicsOptions options, Func<Uri> baseUrl)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _valid = [];
    private int _issued;

    public int Issued => Volatile.Read(ref _issued);

    public string Issue()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        lock (_lock)
        {
            _valid.Add(token);
        }

        Interlocked.Increment(ref _issued);
        return token;
    }

    public bool IsValid(string token)
    {
        lock (_lock)
        {
            return _valid.Contains(token);
        }
    }

    public void ExpireAll()
    {
        lock (_lock)
        {
            _valid.Clear();
        }
    }

    public FakeDynamicsResponse Answer(string tenant, IReadOnlyDictionary<string, string> form)
    {
        if (!string.Equals(tenant, options.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        }

        if (form.GetValueOrDefault("grant_type") != "client_credentials")
        {
            return Refuse(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{form.GetValueOrDefault("grant_type")}'.");
        }

        if (!string.Equals(form.GetValueOrDefault("client_id"), options.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(400, "unauthorized_client", 700016, $"Application with identifier '{form.GetValueOrDefault("client_id")}' was not found in the directory '{tenant}'.");
        }

        var resource = baseUrl().GetLeftPart(UriPartial.Authority);
        if (form.GetValueOrDefault("scope") != $"{resource}/.default")
        {
            return Refuse(400, "invalid_scope", 500011, $"The resource principal named {form.GetValueOrDefault("scope")?.Replace("/.default", "", StringComparison.Ordinal)} was not found in the tenant named {tenant}.");
        }

        if (form.TryGetValue("client_assertion", out var assertion))
        {
            if (form.GetValueOrDefault("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            {
                return Refuse(400, "invalid_request", 90014, "The request body must contain the following parameter: 'client_assertion_type'.");
            }

            if (CheckAssertion(assertion, tenant) is { } refused)
            {
                return refused;
            }
        }
        else if (form.GetValueOrDefault("client_secret") != options.ClientSecret)
        {
            return Refuse(401, "invalid_client", 7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{options.ClientId}'.");
        }

        return new FakeDynamicsResponse(200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = options.TokenLifetimeSeconds,
            ["ext_expires_in"] = options.TokenLifetimeSeconds,
            ["access_token"] = Issue(),
        });
    }

    private FakeDynamicsResponse? CheckAssertion(string assertion, string tenant)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return Refuse(401, "invalid_client", 50027, "JWT token is invalid or malformed.");
        }

        JsonObject header;
        JsonObject claims;
        try
        {
            header = JsonNode.Parse(FromBase64Url(parts[0]))!.AsObject();
            claims = JsonNode.Parse(FromBase64Url(parts[1]))!.AsObject();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return Refuse(401, "invalid_client", 50027, "JWT token is invalid or malformed.");
        }

        if (options.Certificate is not { } certificate
            || header["x5t"]?.ToString() != ToBase64Url(certificate.GetCertHash(HashAlgorithmName.SHA1)))
        {
            return Refuse(401, "invalid_client", 700027, $"The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '{header["x5t"]}']");
        }

        using var key = certificate.GetRSAPublicKey()!;
        if (header["alg"]?.ToString() != "RS256"
            || !key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return Refuse(401, "invalid_client", 700027, "Client assertion failed signature validation.");
        }

        var audience = new Uri(baseUrl(), $"{tenant}/oauth2/v2.0/token").AbsoluteUri;
        if (claims["aud"]?.ToString() != audience)
        {
            return Refuse(401, "invalid_client", 700021, $"Client assertion audience claim does not match Realm issuer. Review the documentation at https://aka.ms/certCreds . Expected: {audience}.");
        }

        if (claims["iss"]?.ToString() != options.ClientId || claims["sub"]?.ToString() != options.ClientId)
        {
            return Refuse(401, "invalid_client", 700023, "Client assertion application identifier doesn't match 'client_id' parameter.");
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (claims["exp"]?.GetValue<long>() is not { } exp || exp < now || (claims["nbf"]?.GetValue<long>() ?? 0) > now + 300)
        {
            return Refuse(401, "invalid_client", 700024, "Client assertion is not within its valid time range.");
        }

        return null;
    }

    private static FakeDynamicsResponse Refuse(int status, string error, int code, string description) => new(status, new JsonObject
    {
        ["error"] = error,
        ["error_description"] = $"AADSTS{code}: {description} Trace ID: {Guid.NewGuid()} Correlation ID: {Guid.NewGuid()} Timestamp: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ssZ}",
        ["error_codes"] = new JsonArray(code),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["trace_id"] = Guid.NewGuid().ToString(),
        ["correlation_id"] = Guid.NewGuid().ToString(),
    });

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A self-signed certificate with its key, to upload to the fake app registration.</summary>
    public static X509Certificate2 CreateCertificate(string subject = "CN=connector-dynamics-test")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }
}
