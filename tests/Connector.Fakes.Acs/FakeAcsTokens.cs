using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// Issues and checks ACS user tokens. They are JWT-shaped with an <c>exp</c> claim, like ACS's, because the official
/// clients read the expiry out of the token.
/// </summary>
internal sealed class FakeAcsTokens(string resourceId)
{
    private readonly ConcurrentDictionary<string, FakeAcsIssuedToken> issued = new(StringComparer.Ordinal);
    private readonly byte[] secret = RandomNumberGenerator.GetBytes(32);

    public FakeAcsIssuedToken Issue(string userId, IReadOnlyList<string> scopes, DateTimeOffset now, TimeSpan lifetime)
    {
        var expiresOn = now + lifetime;
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", kid = "fake-acs", typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            skypeid = userId.Replace("8:", "", StringComparison.Ordinal),
            scp = 1792,
            csi = now.ToUnixTimeSeconds(),
            exp = expiresOn.ToUnixTimeSeconds(),
            acsScope = string.Join(',', scopes),
            resourceId,
            iat = now.ToUnixTimeSeconds(),
            jti = Guid.NewGuid(),
        }));
        var signature = Base64Url(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(header + "." + payload)));
        var token = new FakeAcsIssuedToken($"{header}.{payload}.{signature}", userId, scopes, expiresOn);
        issued[token.Token] = token;
        return token;
    }

    public FakeAcsIssuedToken? Find(string token) => issued.TryGetValue(token, out var found) ? found : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
