using System.Text.RegularExpressions;

namespace Connector.Core.Compliance;

/// <summary>
/// Masks credentials in text bound for a log: the values the service was configured with (access keys, API keys,
/// webhook keys, passwords, client secrets), and whatever is written like a credential whoever's it is: bearer and
/// JSON web tokens, <c>accesskey=</c> and <c>password=</c> in connection strings, <c>access_token=</c>, <c>id_token=</c>,
/// <c>client_secret=</c> anywhere, and <c>key=</c>, <c>code=</c>, <c>sig=</c> as query parameters. The one-time
/// setup link (<c>/setup?token=</c>) is left alone: printing it is how the first admin is made.
/// </summary>
public sealed partial class SecretMasker
{
    /// <summary>Shorter configured values are not masked as such: "true" or a port would mask half of every line.</summary>
    public const int MinSecretLength = 8;

    private readonly string[] _known;

    public SecretMasker(IEnumerable<string> knownSecrets)
    {
        // Longest first, so a secret that contains another is masked whole.
        _known = [.. knownSecrets.Where(s => s.Length >= MinSecretLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    public string Mask(string text)
    {
        var masked = text;
        foreach (var secret in _known)
        {
            if (masked.Contains(secret, StringComparison.Ordinal))
            {
                masked = masked.Replace(secret, RedactionMasks.Secret, StringComparison.Ordinal);
            }
        }

        masked = Named().Replace(masked, m => m.Groups["name"].Value + RedactionMasks.Secret);
        masked = Query().Replace(masked, m => m.Groups["name"].Value + RedactionMasks.Secret);
        masked = Bearer().Replace(masked, m => m.Groups["scheme"].Value + RedactionMasks.Secret);
        return WebToken().Replace(masked, RedactionMasks.Secret);
    }

    // No match time-outs: each expression starts at a literal name and runs one character class to its end, so a
    // scan is linear; a wall-clock time-out would fire only when the machine is busy, and throw out of a log line.

    // name=value or name: value, where the name says it is a credential; the value runs to the next separator.
    [GeneratedRegex(
        @"(?<name>(?<![\w-])(?:accesskey|access_key|sharedaccesskey|password|pwd|client_secret|secret|api[-_]?key|x-api-key|access_token|id_token|refresh_token|signature)""?\s*[=:]\s*""?)(?!\[secret redacted\])[^\s&;,""'<>]+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Named();

    // Names too common in prose ("status code: 200") to mask everywhere: only as query or form parameters.
    [GeneratedRegex(@"(?<name>[?&](?:key|code|sig|sv|se)=)(?!\[secret redacted\])[^\s&#""'<>]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Query();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|HMAC-SHA256)\s+)(?!\[secret redacted\])[A-Za-z0-9\-._~+/=]{8,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    // A JSON web token: two base64url parts starting with "{" encoded, and a signature.
    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex WebToken();
}
