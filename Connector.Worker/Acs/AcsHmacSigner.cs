using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connector.Worker.Acs;

/// <summary>
/// ACS HMAC-SHA256 request signing (Microsoft Learn, "Sign an HTTP request with HMAC",
/// https://learn.microsoft.com/azure/communication-services/tutorials/hmac-header-tutorial; the SDKs'
/// HMACAuthenticationPolicy), as a pure function:
/// <c>VERB\nPathAndQuery\ndate;host;contentHash</c> signed with the decoded access key.
/// </summary>
public static class AcsHmacSigner
{
    /// <summary>Base64 SHA-256 of zero bytes: the content hash of a request without a body.</summary>
    public const string EmptyContentHash = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    public const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";

    public static AcsRequestSignature Sign(ReadOnlySpan<byte> accessKey, HttpMethod method, Uri uri, ReadOnlySpan<byte> body, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("ACS signs the absolute request URI (its host is part of the signature).", nameof(uri));
        }

        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        var dateText = date.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        // Authority carries the port only when it is not the scheme's default, exactly as the Host header does.
        var stringToSign = $"{method.Method.ToUpperInvariant()}\n{uri.PathAndQuery}\n{dateText};{uri.Authority};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(accessKey, Encoding.ASCII.GetBytes(stringToSign)));
        return new AcsRequestSignature(dateText, contentHash, $"HMAC-SHA256 SignedHeaders={SignedHeaders}&Signature={signature}");
    }
}
