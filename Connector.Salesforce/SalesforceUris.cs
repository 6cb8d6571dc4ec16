namespace Connector.Salesforce;

/// <summary>
/// The REST paths, relative to the instance (<c>/services/data/v62.0/…</c>): the same strings serve as absolute URLs
/// and as Composite subrequest URLs.
/// </summary>
public sealed class SalesforceUris(string apiVersion)
{
    public string Base { get; } = $"/services/data/{apiVersion}";

    public static string Token => "/services/oauth2/token";

    public string Query(string soql) => $"{Base}/query?q={Uri.EscapeDataString(soql)}";

    public string Search(string sosl) => $"{Base}/search/?q={Uri.EscapeDataString(sosl)}";

    public string SObject(string type) => $"{Base}/sobjects/{type}";

    public string Record(string type, string id) => $"{Base}/sobjects/{type}/{Uri.EscapeDataString(id)}";

    public string UpsertByExternalId(string type, string field, string value) => $"{Base}/sobjects/{type}/{field}/{Uri.EscapeDataString(value)}";

    public string Composite => $"{Base}/composite";

    public string CollectionUpsert(string type, string field) => $"{Base}/composite/sobjects/{type}/{field}";
}
