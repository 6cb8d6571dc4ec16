namespace Connector.Dynamics;

/// <summary>The Web API's paths under the organization: <c>/api/data/v9.2/…</c>, entity sets and records by key.</summary>
public sealed class DynamicsUris(Uri organizationUrl, string apiVersion)
{
    public Uri ApiRoot { get; } = new(new Uri(organizationUrl.GetLeftPart(UriPartial.Authority) + "/"), $"api/data/{apiVersion}/");

    public Uri Batch => new(ApiRoot, "$batch");

    public Uri Absolute(string relative) => new(ApiRoot, relative);

    /// <summary><c>contacts(6f1d…)</c>: the form of an upsert's URL and, with a leading slash, of an <c>@odata.bind</c>.</summary>
    public static string Record(string entitySet, Guid id) => $"{entitySet}({id:D})";

    public static string Bind(string entitySet, Guid id) => "/" + Record(entitySet, id);
}
