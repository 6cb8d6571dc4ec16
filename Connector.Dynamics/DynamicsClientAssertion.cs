using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Connector.Dynamics;

/// <summary>
/// The signed JWT of certificate-based client credentials (<c>client_assertion</c>): header alg RS256 and
/// x5t (the certificate's SHA-1 thumbprint, base64url) so Entra ID knows which uploaded certificate to check; claims
/// aud (the token endpoint), iss and sub (the client id), a unique jti, nbf and a short exp.
/// </summary>
internal static class DynamicsClientAssertion
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static string Create(string clientId, Uri tokenEndpoint, X509Certificate2 certificate, DateTimeOffset now)
    {
        using var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("Crm:Dynamics:CertificatePath holds no RSA private key.");
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = "RS256",
            ["typ"] = "JWT",
            ["x5t"] = Base64Url(certificate.GetCertHash(HashAlgorithmName.SHA1)),
        }));
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = tokenEndpoint.ToString(),
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["jti"] = Guid.NewGuid().ToString(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        }));
        var signingInput = $"{header}.{claims}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    public static X509Certificate2 Load(DynamicsOptions options) =>
        X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.CertificateKeyPath is { Length: > 0 } key ? key : null);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
