using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Connector.Worker.Demo.StandIn;

/// <summary>An access token issued to an ACS user.</summary>
internal sealed record StandInToken(string UserId, string Token, DateTimeOffset ExpiresOn, IReadOnlyList<string> Scopes);

/// <summary>The resource's ACS users and the tokens issued to them.</summary>
internal sealed class StandInIdentities(string resourceId)
{
    private readonly ConcurrentDictionary<string, byte> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StandInToken> _tokens = new(StringComparer.Ordinal);

    public string CreateUser()
    {
        var id = $"8:acs:{resourceId}_{Guid.NewGuid()}";
        _users[id] = 0;
        return id;
    }

    public bool Exists(string userId) => _users.ContainsKey(userId);

    public StandInToken Issue(string userId, IReadOnlyList<string> scopes, int? minutes)
    {
        var lifetime = TimeSpan.FromMinutes(Math.Clamp(minutes ?? 24 * 60, 60, 24 * 60));
        var token = new StandInToken(userId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), DateTimeOffset.UtcNow + lifetime, scopes);
        _tokens[token.Token] = token;
        return token;
    }

    /// <summary>The unexpired chat token of an <c>Authorization: Bearer</c> header, or null.</summary>
    public StandInToken? FindToken(string authorization)
    {
        const string scheme = "Bearer ";
        return authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && _tokens.TryGetValue(authorization[scheme.Length..].Trim(), out var token)
            && token.ExpiresOn > DateTimeOffset.UtcNow
            && token.Scopes.Any(s => s.StartsWith("chat", StringComparison.Ordinal))
            ? token
            : null;
    }
}
