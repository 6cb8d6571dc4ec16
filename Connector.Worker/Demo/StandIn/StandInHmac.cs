using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Connector.Worker.Acs;

namespace Connector.Worker.Demo.StandIn;

/// <summary>
/// Checks an HMAC-signed request as ACS does: the content hash matches the body, the date is recent, and the
/// signature over <c>VERB\nPathAndQuery\ndate;host;contentHash</c> is the one the access key makes. The expected
/// signature comes from the Worker's own <see cref="AcsHmacSigner"/>: the same function, run on what arrived.
/// </summary>
internal static class StandInHmac
{
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    /// <returns>Null when the signature holds; otherwise why not.</returns>
    public static string? Refusal(string method, string rawTarget, string host, IHeaderDictionary headers, byte[] body, byte[] key)
    {
        var dateText = headers["x-ms-date"].ToString();
        var contentHash = headers["x-ms-content-sha256"].ToString();
        var authorization = headers.Authorization.ToString();
        if (dateText.Length == 0 || contentHash.Length == 0 || !authorization.StartsWith("HMAC-SHA256 ", StringComparison.Ordinal))
        {
            return "the request is not HMAC-signed (x-ms-date, x-ms-content-sha256 and Authorization: HMAC-SHA256 are required)";
        }

        if (contentHash != Convert.ToBase64String(SHA256.HashData(body)))
        {
            return "x-ms-content-sha256 does not match the body";
        }

        if (!DateTimeOffset.TryParseExact(dateText, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || (DateTimeOffset.UtcNow - date).Duration() > AllowedSkew)
        {
            return "x-ms-date is missing, malformed or more than 15 minutes off";
        }

        var expected = AcsHmacSigner.Sign(key, new HttpMethod(method), new Uri($"http://{host}{rawTarget}"), body, date);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected.Authorization), Encoding.ASCII.GetBytes(authorization))
            ? null
            : "the signature does not match (wrong access key, or the request changed after signing)";
    }
}
