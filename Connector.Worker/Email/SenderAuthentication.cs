using MimeKit;
using MimeKit.Cryptography;

namespace Connector.Worker.Email;

/// <summary>
/// Whether a mail's From is the sender's own: the receiving server's <c>Authentication-Results</c> (RFC 8601) says
/// <c>dmarc=pass</c> for the From's domain. Only the server named by <c>Email:Imap:TrustedAuthServId</c> is believed,
/// and only its topmost header (the one it added on receipt; RFC 8601 §5 has it remove any that arrive bearing its id):
/// anyone can write such a header into a mail. Without the setting no header is believed and every From is claimed.
/// </summary>
internal static class SenderAuthentication
{
    public static bool DmarcPassed(MimeMessage message, string from, string? trustedAuthServId)
    {
        if (string.IsNullOrWhiteSpace(trustedAuthServId))
        {
            return false;
        }

        var domain = from[(from.LastIndexOf('@') + 1)..].Trim();
        foreach (var header in message.Headers.Where(h => h.Id == HeaderId.AuthenticationResults))
        {
            if (!AuthenticationResults.TryParse(header.RawValue, out var results) || !IsFrom(results, trustedAuthServId.Trim()))
            {
                continue;
            }

            return results.Results.Any(r =>
                string.Equals(r.Method, "dmarc", StringComparison.OrdinalIgnoreCase)
                && string.Equals(r.Result, "pass", StringComparison.OrdinalIgnoreCase)
                && r.Properties.Any(p => string.Equals(p.PropertyType, "header", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(p.Property, "from", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(p.Value.Trim(), domain, StringComparison.OrdinalIgnoreCase)));
        }

        return false;
    }

    private static bool IsFrom(AuthenticationResults results, string trusted) =>
        string.Equals(results.AuthenticationServiceIdentifier, trusted, StringComparison.OrdinalIgnoreCase)
        // Exchange Online writes its id after the results (compauth … ; …), which MimeKit keeps per result.
        || results.Results.Any(r => string.Equals(r.Office365AuthenticationServiceIdentifier, trusted, StringComparison.OrdinalIgnoreCase));
}
