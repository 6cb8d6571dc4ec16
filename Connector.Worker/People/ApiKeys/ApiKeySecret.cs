using System.Security.Cryptography;
using System.Text;

namespace Connector.Worker.People.ApiKeys;

/// <summary>
/// An issued key reads <c>ck_{id}_{secret}</c>: the id finds the stored row, the secret proves possession. Only the
/// secret's SHA-256 is stored; a slow password hash would add nothing for 256 random bits and cost every request.
/// </summary>
internal static class ApiKeySecret
{
    private const string Prefix = "ck_";

    public static (string Id, string Key, string Hash) Issue()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    public static bool TryRead(string presented, out string id, out string secret)
    {
        id = secret = "";
        var split = presented.StartsWith(Prefix, StringComparison.Ordinal) ? presented.IndexOf('_', Prefix.Length) : -1;
        if (split < 0)
        {
            return false;
        }

        id = presented[Prefix.Length..split];
        secret = presented[(split + 1)..];
        return id.Length > 0 && secret.Length > 0;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
