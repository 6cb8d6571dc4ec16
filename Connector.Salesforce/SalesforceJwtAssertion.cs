using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Connector.Salesforce;

/// <summary>
/// The JWT of the OAuth 2.0 JWT bearer flow, built with the BCL: <c>{"alg":"RS256"}</c>, claims iss (consumer key),
/// sub (username), aud (login host), exp (short: Salesforce accepts about three minutes), signed SHA256withRSA.
/// </summary>
public static class SalesforceJwtAssertion
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    public static string Create(string clientId, string username, string audience, RSA privateKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        var header = Base64Url("""{"alg":"RS256"}"""u8.ToArray());
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = username,
            ["aud"] = audience,
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        }));
        var signingInput = $"{header}.{claims}";
        var signature = privateKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
