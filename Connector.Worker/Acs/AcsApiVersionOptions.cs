namespace Connector.Worker.Acs;

/// <summary>
/// Configuration section <c>Acs:ApiVersions</c>: one pinned api-version per ACS API (defaults: stable versions in the
/// REST specs, Azure/azure-rest-api-specs, specification/communication/data-plane/{API}/stable).
/// </summary>
public sealed class AcsApiVersionOptions
{
    public string Identity { get; set; } = "2023-10-01";

    public string Chat { get; set; } = "2025-03-15";

    public string Messages { get; set; } = "2024-08-30";

    public string Email { get; set; } = "2023-03-31";

    public string CallAutomation { get; set; } = "2025-05-15";
}
