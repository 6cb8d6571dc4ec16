namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// The api-versions each ACS API answers (stable versions in the REST specs, Azure/azure-rest-api-specs,
/// specification/communication/data-plane/{API}/stable); any other is refused as ACS refuses it.
/// </summary>
internal static class FakeAcsApiVersions
{
    public static readonly IReadOnlyDictionary<string, string[]> ByPathPrefix = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["/identities"] = ["2023-10-01", "2025-06-30"],
        ["/chat"] = ["2021-09-07", "2023-11-07", "2024-03-07", "2025-03-15"],
        ["/messages"] = ["2024-08-30", "2024-11-15"],
        ["/emails"] = ["2023-03-31", "2025-09-01"],
        ["/calling"] = ["2023-10-15", "2024-04-15", "2024-09-15", "2025-05-15"],
    };

    public static string[]? For(string path) =>
        ByPathPrefix.FirstOrDefault(p => path.StartsWith(p.Key, StringComparison.Ordinal)).Value;
}
