using Connector.Core.Crm;
using Connector.HubSpot.Mapping;
using Connector.HubSpot.Wire;
using Microsoft.Extensions.Options;

namespace Connector.HubSpot;

/// <summary>
/// Batch upserts on the key property, in requests of up to 100 inputs, answered per key: the record written, or the
/// failure of that one input (HubSpot's 207 <c>errors</c>), so one bad input never costs the others.
/// </summary>
public sealed class HubSpotUpserts(HubSpotClient client, IOptions<HubSpotOptions> options)
{
    internal async Task<Dictionary<string, Result>> UpsertAsync(string type, IReadOnlyList<Dictionary<string, string?>> records, CancellationToken ct)
    {
        var keyProperty = options.Value.KeyProperty;
        var results = new Dictionary<string, Result>(StringComparer.Ordinal);
        foreach (var chunk in records.DistinctBy(r => r[keyProperty]).Chunk(HubSpotClient.BatchLimit))
        {
            var inputs = chunk.Select(r => new HubSpotUpsertInput(keyProperty, r[keyProperty]!, r.Where(p => p.Key != keyProperty).ToDictionary(StringComparer.Ordinal))).ToList();
            var answer = await client.BatchUpsertAsync(type, inputs, ct).ConfigureAwait(false);
            foreach (var written in answer.Results ?? [])
            {
                if (written[keyProperty] is { } key)
                {
                    results[key] = new Result(new CrmRecord(type, written.Id), null);
                }
            }

            foreach (var input in inputs.Where(i => !results.ContainsKey(i.Id)))
            {
                var error = answer.Errors?.FirstOrDefault(e => Names(e, input.Id)) ?? answer.Errors?.FirstOrDefault();
                results[input.Id] = new Result(null, client.Failure(error, $"upsert {type} {input.Id}"));
            }
        }

        return results;
    }

    /// <summary>Associations grouped by object pair, one v4 batch per pair, the pairs at once (they do not depend on each other).</summary>
    internal Task AssociateAsync(IEnumerable<HubSpotAssociations.Link> links, CancellationToken ct) =>
        Task.WhenAll(links.Distinct().GroupBy(l => (l.FromType, l.ToType))
            .Select(pair => client.AssociateAsync(pair.Key.FromType, pair.Key.ToType, pair.Select(l => l.ToInput()).ToList(), ct)));

    /// <summary>Whether a batch error's context names this input's key (HubSpot lists the ids an error is about).</summary>
    private static bool Names(HubSpotErrorBody error, string key) =>
        error.Context?.Values.Any(v => v.ValueKind == System.Text.Json.JsonValueKind.Array
            && v.EnumerateArray().Any(e => e.ValueKind == System.Text.Json.JsonValueKind.String && e.GetString() == key)) == true;

    internal sealed record Result(CrmRecord? Record, CrmRequestFailedException? Failure);
}
