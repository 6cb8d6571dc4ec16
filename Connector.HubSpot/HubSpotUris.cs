namespace Connector.HubSpot;

/// <summary>The pinned paths (CRM v3 objects, v4 associations, Files v3), relative to <see cref="HubSpotOptions.BaseUrl"/>.</summary>
internal static class HubSpotUris
{
    public static string Objects(string type) => $"/crm/v3/objects/{type}";

    public static string Object(string type, string id, IEnumerable<string> properties) =>
        $"/crm/v3/objects/{type}/{Uri.EscapeDataString(id)}?properties={string.Join(',', properties.Select(Uri.EscapeDataString))}";

    public static string ObjectPatch(string type, string id) => $"/crm/v3/objects/{type}/{Uri.EscapeDataString(id)}";

    public static string Search(string type) => $"/crm/v3/objects/{type}/search";

    public static string Batch(string type, string operation) => $"/crm/v3/objects/{type}/batch/{operation}";

    public static string Associations(string fromType, string toType) => $"/crm/v4/associations/{fromType}/{toType}/batch/create";

    public const string Files = "/files/v3/files";

    public static string SignedUrl(string fileId, TimeSpan lifetime) =>
        $"/files/v3/files/{Uri.EscapeDataString(fileId)}/signed-url?expirationSeconds={(long)lifetime.TotalSeconds}";

    public const string CallDispositions = "/calling/v1/dispositions";

    /// <summary>Whether a path is the search endpoint, which has its own lower rate.</summary>
    public static bool IsSearch(string path) => path.StartsWith("/crm/v3/objects/", StringComparison.Ordinal) && path.EndsWith("/search", StringComparison.Ordinal);
}
