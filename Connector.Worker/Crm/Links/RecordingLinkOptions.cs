namespace Connector.Worker.Crm.Links;

/// <summary>
/// <c>Crm:RecordingLinks</c>: signed links to recordings a CRM cannot take (over its upload limit), served by the Worker
/// itself. Off until <see cref="PublicBaseUrl"/> is set.
/// </summary>
public sealed class RecordingLinkOptions
{
    public const string Section = "Crm:RecordingLinks";

    /// <summary>Where the CRM's users reach this Worker (https://connector.contoso.example); links start here.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The HMAC-SHA256 key of the links, base64, at least 32 bytes. A secret: never logged.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a link works.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);

    public bool Enabled => !string.IsNullOrWhiteSpace(PublicBaseUrl);
}
