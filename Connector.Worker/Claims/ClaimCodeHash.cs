using System.Security.Cryptography;
using System.Text;

namespace Connector.Worker.Claims;

/// <summary>
/// A one-time code as kept at rest: PBKDF2-SHA256 with a random salt of its own. Six digits are few, so the hash alone
/// would not stop an offline guess; the short expiry and the attempt limit do, and the slow hash makes a leaked table
/// of live codes costly to read within their minutes.
/// </summary>
internal sealed record ClaimCodeHash(string Hash, string Salt)
{
    private const int Iterations = 50_000;

    /// <summary>A fresh code of six digits, uniform over 000000–999999.</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static ClaimCodeHash Of(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new(Convert.ToBase64String(Derive(code, salt)), Convert.ToBase64String(salt));
    }

    public static bool Matches(string code, string hash, string salt) =>
        CryptographicOperations.FixedTimeEquals(Derive(code, Convert.FromBase64String(salt)), Convert.FromBase64String(hash));

    private static byte[] Derive(string code, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
