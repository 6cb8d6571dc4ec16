using System.Diagnostics.CodeAnalysis;
using Connector.Worker.Hosting;

namespace Connector.Worker.Acs;

/// <summary>
/// The parsed <c>Acs:ConnectionString</c> (<c>endpoint=https://….communication.azure.com/;accesskey=…</c>): the
/// resource endpoint and the HMAC key. Errors name the configuration key and never echo the access key.
/// </summary>
public sealed class AcsConnectionString
{
    public const string ConfigurationKey = "Acs:ConnectionString";

    private readonly byte[] accessKey;

    private AcsConnectionString(Uri endpoint, byte[] accessKey)
    {
        Endpoint = endpoint;
        this.accessKey = accessKey;
    }

    /// <summary>The resource endpoint, always ending in <c>/</c> so that relative API paths resolve beneath it.</summary>
    public Uri Endpoint { get; }

    /// <summary>The decoded access key: the HMAC-SHA256 key of every signed request.</summary>
    internal ReadOnlySpan<byte> AccessKey => accessKey;

    /// <exception cref="ConfigurationException">The value is missing a part or malformed; the message says which.</exception>
    public static AcsConnectionString Parse(string? value) =>
        TryParse(value, out var parsed, out var error) ? parsed : throw new ConfigurationException(ConfigurationKey, error);

    public static bool TryParse(string? value, [NotNullWhen(true)] out AcsConnectionString? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "is empty; expected endpoint=https://<resource>.communication.azure.com/;accesskey=<base64 key>.";
            return false;
        }

        string? endpointText = null;
        string? keyText = null;
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: a base64 key ends in '=' padding.
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals].Trim();
            var text = equals < 0 ? "" : part[(equals + 1)..].Trim();
            if (name.Equals("endpoint", StringComparison.OrdinalIgnoreCase))
            {
                if (endpointText is not null)
                {
                    error = "names endpoint twice.";
                    return false;
                }

                endpointText = text;
            }
            else if (name.Equals("accesskey", StringComparison.OrdinalIgnoreCase))
            {
                if (keyText is not null)
                {
                    error = "names accesskey twice.";
                    return false;
                }

                keyText = text;
            }

            // Other parts are ignored, as the ACS SDKs ignore them; their text is never repeated back.
        }

        if (string.IsNullOrEmpty(endpointText))
        {
            error = "has no endpoint=…; expected endpoint=https://<resource>.communication.azure.com/;accesskey=<base64 key>.";
            return false;
        }

        if (string.IsNullOrEmpty(keyText))
        {
            error = "has no accesskey=…; expected endpoint=https://<resource>.communication.azure.com/;accesskey=<base64 key>.";
            return false;
        }

        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            error = $"endpoint '{endpointText}' is not an absolute https URL such as https://<resource>.communication.azure.com/.";
            return false;
        }

        // The key signs requests, not encrypts them, but plain http still exposes every payload: loopback fakes only.
        if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback)
        {
            error = $"endpoint '{endpointText}' uses http; only https is accepted, except for loopback addresses (test fakes).";
            return false;
        }

        var key = new byte[keyText.Length];
        if (!Convert.TryFromBase64String(keyText, key, out var keyLength) || keyLength == 0)
        {
            error = "accesskey is not a base64 key (copy it from the resource's Keys page).";
            return false;
        }

        var normalized = endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint.GetLeftPart(UriPartial.Path) + "/");
        parsed = new AcsConnectionString(normalized, key[..keyLength]);
        error = null;
        return true;
    }

    /// <summary>The endpoint only: the key must not reach logs through string formatting.</summary>
    public override string ToString() => $"endpoint={Endpoint};accesskey=***";
}
