using System.Text.Json;
using Connector.Core.Crm;
using Connector.Core.Customers;
using Connector.Dynamics.Batch;
using Connector.Dynamics.Mapping;
using Connector.Dynamics.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Dynamics;

/// <summary>
/// Finds customers' contacts with OData queries: exact matches on telephone1, telephone2 and mobilephone for each
/// likely stored form of the number (hits re-checked by normalizing the stored value), on emailaddress1–3 (Dataverse
/// compares text case-insensitively), and on the contactid the connector gives a contact it creates. Many customers
/// are searched together (several queries go in one <c>$batch</c>). A missing contact is created with that
/// deterministic id, create-only and with duplicate detection on, so a retried creation finds the first one.
/// </summary>
public sealed class DynamicsContactResolver(DynamicsClient client, IOptions<DynamicsOptions> options, IdentityNormalizer identities) : ICrmContactResolver
{
    /// <summary>An escaped <c>$filter</c> of about this length keeps the URL well under the Web API's limit.</summary>
    private const int MaxFilterLength = 7000;

    private static readonly string[] Select = ["contactid", "fullname", .. DynamicsContactMapper.PhoneColumns, .. DynamicsContactMapper.EmailColumns];

    // The org's phones are read in Identity:DefaultRegion unless Crm:Dynamics:DefaultRegion says otherwise.
    private readonly IdentityNormalizer _storedPhones = identities.InRegion(options.Value.DefaultRegion);
    private readonly DynamicsOptions _options = options.Value;

    public async Task<CrmContactResolution> ResolveAsync(CrmContactQuery query, CancellationToken ct) =>
        (await ResolveManyAsync([query], ct).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<CrmContactResolution>> ResolveManyAsync(IReadOnlyList<CrmContactQuery> queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Count == 0)
        {
            return [];
        }

        var people = await SearchAsync(queries, ct).ConfigureAwait(false);
        var resolutions = new CrmContactResolution?[queries.Count];
        var toCreate = new List<int>();
        for (var i = 0; i < queries.Count; i++)
        {
            resolutions[i] = Match(queries[i], people);
            if (resolutions[i] is null)
            {
                if (queries[i].CreateWhenMissing)
                {
                    toCreate.Add(i);
                }
                else
                {
                    resolutions[i] = CrmContactResolution.NotFound();
                }
            }
        }

        await CreateAsync(queries, toCreate, resolutions, ct).ConfigureAwait(false);
        return resolutions.Select(r => r!).ToList();
    }

    internal static Guid ContactIdFor(Guid customerId) => DynamicsIds.For($"contact:{customerId:D}");

    private CrmContactResolution? Match(CrmContactQuery query, IReadOnlyCollection<DynamicsContactRecord> people)
    {
        var ours = ContactIdFor(query.CustomerId).ToString("D");
        if (people.FirstOrDefault(p => string.Equals(p.Id, ours, StringComparison.OrdinalIgnoreCase)) is { } created)
        {
            return CrmContactResolution.Found(new CrmRecord(DynamicsTables.Contact, created.Id));
        }

        var phones = query.Identities.Where(i => i.Kind is IdentityKind.Phone or IdentityKind.WhatsApp).Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        var emails = query.Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var matches = people
            .Where(p => p.Phones.Any(stored => NormalizedPhone(stored) is { } e164 && phones.Contains(e164))
                || p.Emails.Any(e => emails.Contains(e.Trim())))
            .ToList();
        return matches.Count switch
        {
            0 => null,
            1 => CrmContactResolution.Found(new CrmRecord(DynamicsTables.Contact, matches[0].Id)),
            _ => CrmContactResolution.Ambiguous(matches.Select(m => new CrmContactCandidate(
                DynamicsTables.Contact, m.Id, m.Name, m.Phones.Count > 0 ? m.Phones[0] : null, m.Emails.Count > 0 ? m.Emails[0] : null)).ToList()),
        };
    }

    private string? NormalizedPhone(string stored)
    {
        try
        {
            return _storedPhones.Normalize(IdentityKind.Phone, stored).Value;
        }
        catch (InvalidIdentityException)
        {
            return null; // free text that is no phone number ("ask for Jim") matches nobody
        }
    }

    private async Task<IReadOnlyCollection<DynamicsContactRecord>> SearchAsync(IReadOnlyList<CrmContactQuery> queries, CancellationToken ct)
    {
        var clauses = new List<string>();
        var forms = queries
            .SelectMany(q => q.Identities.Where(i => i.Kind is IdentityKind.Phone or IdentityKind.WhatsApp))
            .SelectMany(i => DynamicsPhoneForms.Of(i.Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        clauses.AddRange(DynamicsContactMapper.PhoneColumns.SelectMany(c => forms.Select(f => $"{c} eq {DynamicsODataFilter.Literal(f)}")));
        var emails = queries.SelectMany(q => q.Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        clauses.AddRange(DynamicsContactMapper.EmailColumns.SelectMany(c => emails.Select(e => $"{c} eq {DynamicsODataFilter.Literal(e)}")));
        clauses.AddRange(queries.Select(q => $"contactid eq {ContactIdFor(q.CustomerId):D}"));

        var reads = Chunk(clauses).Select(filter => DynamicsOperation.Read(DynamicsODataFilter.Query("contacts", Select, filter), "contact-search")).ToList();
        var people = new Dictionary<string, DynamicsContactRecord>(StringComparer.OrdinalIgnoreCase);
        if (reads.Count == 1)
        {
            using var page = await client.GetJsonAsync(reads[0], ct).ConfigureAwait(false);
            Read(page, people);
            return people.Values;
        }

        foreach (var batch in reads.Chunk(DynamicsClient.MaxRequestsPerBatch))
        {
            var answers = await client.BatchAsync(batch.Select(DynamicsChangeSet.Alone).ToList(), ct).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                var answer = answers[i][0];
                if (!answer.Succeeded(batch[i]))
                {
                    throw answer.Failure(batch[i]);
                }

                using var page = JsonDocument.Parse(answer.Body);
                Read(page, people);
            }
        }

        return people.Values;
    }

    private static IEnumerable<string> Chunk(List<string> clauses)
    {
        var filter = new List<string>();
        var length = 0;
        foreach (var clause in clauses)
        {
            var size = Uri.EscapeDataString(clause).Length + 8;
            if (filter.Count > 0 && length + size > MaxFilterLength)
            {
                yield return string.Join(" or ", filter);
                filter.Clear();
                length = 0;
            }

            filter.Add(clause);
            length += size;
        }

        if (filter.Count > 0)
        {
            yield return string.Join(" or ", filter);
        }
    }

    private static void Read(JsonDocument page, Dictionary<string, DynamicsContactRecord> people)
    {
        foreach (var row in page.RootElement.GetProperty("value").EnumerateArray())
        {
            string? Text(string name) => row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var id = Text("contactid");
            if (id is null)
            {
                continue;
            }

            people.TryAdd(id, new DynamicsContactRecord(
                id, Text("fullname"),
                DynamicsContactMapper.PhoneColumns.Select(Text).OfType<string>().Where(p => p.Length > 0).ToList(),
                DynamicsContactMapper.EmailColumns.Select(Text).OfType<string>().Where(e => e.Length > 0).ToList()));
        }
    }

    private async Task CreateAsync(IReadOnlyList<CrmContactQuery> queries, List<int> indexes, CrmContactResolution?[] resolutions, CancellationToken ct)
    {
        if (indexes.Count == 0)
        {
            return;
        }

        var creates = indexes.Select(i => DynamicsOperation.Write(
            "contacts", ContactIdFor(queries[i].CustomerId), DynamicsTables.Contact, DynamicsContactMapper.ToBody(queries[i], _options.KeyColumn),
            DynamicsWriteMode.CreateOnly, "contact-create", queries[i].CustomerId.ToString(),
            // Duplicate detection is off for the Web API unless asked for: the org's duplicate rules apply to us too.
            new Dictionary<string, string> { ["MSCRM.SuppressDuplicateDetection"] = "false" })).ToList();
        List<DynamicsOperationResult> answers;
        if (creates.Count == 1)
        {
            answers = [await client.SendAsync(creates[0], ct).ConfigureAwait(false)];
        }
        else
        {
            var all = new List<DynamicsOperationResult>();
            foreach (var batch in creates.Chunk(DynamicsClient.MaxRequestsPerBatch))
            {
                all.AddRange((await client.BatchAsync(batch.Select(DynamicsChangeSet.Alone).ToList(), ct).ConfigureAwait(false)).Select(a => a[0]));
            }

            answers = all;
        }

        for (var n = 0; n < creates.Count; n++)
        {
            var (create, answer) = (creates[n], answers[n]);
            if (!answer.Succeeded(create))
            {
                throw answer.Failure(create);
            }

            resolutions[indexes[n]] = answer.AlreadyExisted(create) ? CrmContactResolution.Found(create.Writes!) : CrmContactResolution.Created(create.Writes!);
        }
    }
}
