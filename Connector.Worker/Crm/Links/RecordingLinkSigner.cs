using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Crm.Links;

/// <summary>
/// HMAC-SHA256 over the stored file's path and the link's expiry (Unix seconds), base64url: a link names one file
/// until one moment, and changing either breaks it. Compared in constant time.
/// </summary>
internal sealed class RecordingLinkSigner(IOptions<RecordingLinkOptions> options)
{
    private readonly byte[]? _key = KeyBytes(options.Value.SigningKey);

    public string Sign(string file, long expires)
    {
        var key = _key ?? throw new InvalidOperationException($"{RecordingLinkOptions.Section}:SigningKey is not set.");
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Payload(file, expires))));
    }

    /// <summary>False for any link when no key is configured: nothing is served without one.</summary>
    public bool Verify(string file, long expires, string signature)
    {
        if (_key is null)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(Payload(file, expires))));
    }

    public static byte[]? KeyBytes(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) ? buffer[..written] : null;
    }

    private static string Payload(string file, long expires) => string.Create(CultureInfo.InvariantCulture, $"recording\n{file}\n{expires}");
}
