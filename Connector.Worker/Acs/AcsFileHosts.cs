using System.Net;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Acs;

/// <summary>
/// The hosts the connector fetches ACS's files from (<c>Acs:FileHosts</c>): recordings live on ACS's storage hosts
/// (<c>contentLocation</c> like <c>https://storage.asm.skype.com/v1/objects/…</c>), WhatsApp media on the resource's
/// own endpoint, which is always allowed. A location an event names elsewhere is refused before anything is sent to
/// it: the request would carry a signature made with the resource key.
/// </summary>
/// <remarks>
/// An entry is a host (<c>storage.asm.skype.com</c>), a wildcard for its subdomains (<c>*.asm.skype.com</c>), or a
/// host with a port (<c>127.0.0.1:5123</c>, for fakes). Only https is fetched, except from loopback addresses.
/// </remarks>
public sealed class AcsFileHosts(IOptions<AcsOptions> options, AcsConnection connection)
{
    /// <summary>Where ACS keeps recordings (storage.asm.skype.com and its regional hosts) when nothing is configured.</summary>
    public static IReadOnlyList<string> Default { get; } = ["*.asm.skype.com"];

    public IReadOnlyList<string> Entries => options.Value.FileHosts is { Count: > 0 } configured ? configured : Default;

    /// <summary>Whether <paramref name="location"/> is on the resource's endpoint or an allowed host, over https (http for loopback only).</summary>
    public bool Allows(Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.IsAbsoluteUri || !string.IsNullOrEmpty(location.UserInfo))
        {
            return false;
        }

        if (location.Scheme != Uri.UriSchemeHttps && !(location.Scheme == Uri.UriSchemeHttp && IsLoopback(location)))
        {
            return false;
        }

        if (connection.IsConfigured && IsResource(location))
        {
            return true;
        }

        return Entries.Any(entry => Matches(entry, location));
    }

    /// <summary>Whether the location is the resource's own endpoint: the only host a request signed for it may go to as-is.</summary>
    public bool IsResource(Uri location) =>
        connection.IsConfigured && string.Equals(location.Authority, connection.Current.Endpoint.Authority, StringComparison.OrdinalIgnoreCase)
        && location.Scheme == connection.Current.Endpoint.Scheme;

    /// <exception cref="AcsDownloadRefusedException">The location is not on the allow-list.</exception>
    public void EnsureAllowed(Uri location, string what)
    {
        if (!Allows(location))
        {
            throw new AcsDownloadRefusedException(
                $"The {what} is on {location.Scheme}://{location.Authority}, which is not where ACS keeps files (Acs:FileHosts: {string.Join(", ", Entries)}, and the resource's endpoint); nothing was fetched.");
        }
    }

    /// <summary>The problem with one configured entry, or null when it is a valid host pattern.</summary>
    public static string? Problem(string entry)
    {
        var host = entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry;
        return Uri.CheckHostName(HostOf(host)) == UriHostNameType.Unknown || host.Contains('/', StringComparison.Ordinal) || host.Contains('*', StringComparison.Ordinal)
            ? $"'{entry}' is not a host, a *.domain wildcard or host:port (e.g. *.asm.skype.com)."
            : null;
    }

    private static bool Matches(string entry, Uri location)
    {
        if (entry.StartsWith("*.", StringComparison.Ordinal))
        {
            // Subdomains only: "*.asm.skype.com" is storage.asm.skype.com, not asm.skype.com.evil.example.
            return location.Host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase) && location.Host.Length > entry.Length - 1;
        }

        return entry.Contains(':', StringComparison.Ordinal) && !entry.StartsWith('[')
            ? string.Equals(entry, $"{location.Host}:{location.Port}", StringComparison.OrdinalIgnoreCase)
            : string.Equals(entry, location.Host, StringComparison.OrdinalIgnoreCase);
    }

    private static string HostOf(string entry) => entry.LastIndexOf(':') is var colon and > 0 && !entry.StartsWith('[') ? entry[..colon] : entry;

    private static bool IsLoopback(Uri location) =>
        location.IsLoopback || (IPAddress.TryParse(location.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
