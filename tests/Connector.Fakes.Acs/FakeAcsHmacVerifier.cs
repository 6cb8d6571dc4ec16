using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// Checks an HMAC-signed request the way ACS does, from what actually arrived: the raw request target, the Host
/// header, <c>x-ms-date</c> and the SHA-256 of the received body. Written apart from the Worker's signer on purpose.
/// </summary>
internal static class FakeAcsHmacVerifier
{
    /// <returns>Null when the request verifies, else why not.</returns>
    public static string? Check(
        string method, string rawTarget, string host, IHeaderDictionary headers, byte[] body, byte[] key, DateTimeOffset now, TimeSpan allowedSkew)
    {
        var authorization = headers.Authorization.ToString();
        const string scheme = "HMAC-SHA256 ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "Authorization is not 'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=…'.";
        }

        string? signedHeaders = null;
        string? signature = null;
        foreach (var part in authorization[scheme.Length..].Split('&'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = part[..equals].Trim();
            if (name.Equals("SignedHeaders", StringComparison.OrdinalIgnoreCase))
            {
                signedHeaders = part[(equals + 1)..];
            }
            else if (name.Equals("Signature", StringComparison.OrdinalIgnoreCase))
            {
                signature = part[(equals + 1)..];
            }
        }

        if (!string.Equals(signedHeaders, "x-ms-date;host;x-ms-content-sha256", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(signature))
        {
            return "Authorization must sign x-ms-date;host;x-ms-content-sha256 and carry a Signature.";
        }

        var dateText = headers["x-ms-date"].ToString();
        if (!DateTimeOffset.TryParseExact(dateText, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return "x-ms-date is missing or not an RFC 1123 date.";
        }

        if ((now - date).Duration() > allowedSkew)
        {
            return $"x-ms-date {dateText} is more than {allowedSkew.TotalMinutes:0} minutes from the server time.";
        }

        var bodyHash = Convert.ToBase64String(SHA256.HashData(body));
        if (!string.Equals(headers["x-ms-content-sha256"].ToString(), bodyHash, StringComparison.Ordinal))
        {
            return "x-ms-content-sha256 does not match the SHA-256 of the body received.";
        }

        var stringToSign = $"{method.ToUpperInvariant()}\n{rawTarget}\n{dateText};{host};{bodyHash}";
        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(stringToSign));
        var given = new byte[expected.Length + 3];
        if (!Convert.TryFromBase64String(signature, given, out var length) || length != expected.Length
            || !CryptographicOperations.FixedTimeEquals(expected, given.AsSpan(0, length)))
        {
            return "The request signature does not match (wrong access key, or method, path, host, date or body changed after signing).";
        }

        return null;
    }
}
