namespace Connector.Core.Crm;

/// <summary>Finds the customer's CRM contact from their identities; creates one when allowed and nobody matches.</summary>
public interface ICrmContactResolver
{
    Task<CrmContactResolution> ResolveAsync(CrmContactQuery query, CancellationToken ct);

    /// <summary>
    /// Resolves several customers at once, one resolution per query in the same order. Adapters with
    /// <see cref="CrmCapabilities.Batch"/> search for all of them in a few requests; the default resolves one by one.
    /// </summary>
    async Task<IReadOnlyList<CrmContactResolution>> ResolveManyAsync(IReadOnlyList<CrmContactQuery> queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var resolutions = new List<CrmContactResolution>(queries.Count);
        foreach (var query in queries)
        {
            resolutions.Add(await ResolveAsync(query, ct).ConfigureAwait(false));
        }

        return resolutions;
    }
}
