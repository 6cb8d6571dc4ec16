using System.Security.Cryptography;
using System.Text;

namespace Connector.Worker.Chat;

/// <summary>
/// The visitor's proof that a chat session is theirs: 256 random bits given once with the session (the widget keeps it
/// in sessionStorage with the ACS token) and sent as <c>X-Chat-Session-Key</c>; the store keeps only its SHA-256. The
/// thread id alone proves nothing: agents, ACS events and the panel all see it.
/// </summary>
internal static class ChatVisitorKey
{
    public const string Header = "X-Chat-Session-Key";

    public static string New() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether the request carries the key of <paramref name="threadId"/>'s visitor (compared in constant time).</summary>
    public static async Task<bool> IsVisitorAsync(HttpContext http, string threadId, ChatSessionStore sessions, CancellationToken ct)
    {
        var given = http.Request.Headers[Header].ToString();
        if (given.Length is 0 or > 100 || await sessions.FindVisitorKeyHashAsync(threadId, ct) is not { } stored)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(given)), Encoding.ASCII.GetBytes(stored));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
