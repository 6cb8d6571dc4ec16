using Connector.Core.Crm;
using Connector.Core.Customers;
using Connector.HubSpot.Mapping;
using Connector.HubSpot.Wire;
using Microsoft.Extensions.Options;

namespace Connector.HubSpot;

/// <summary>
/// Finds customers' contacts. A contact the connector created is read back by its unique customer-id property
/// (<c>batch/read</c>, which reads the records themselves: HubSpot's search index lags writes by seconds, so a search
/// never finds what we just wrote). Everyone else is searched for together (phones as E.164 and national digits,
/// emails) and each hit re-checked by normalizing the stored numbers. Missing ones are created by a batch upsert on
/// the customer-id property, so a retried creation is the same record; a 409 on a known email is that contact.
/// </summary>
public sealed class HubSpotContactResolver(HubSpotClient client, IOptions<HubSpotOptions> options, IdentityNormalizer identities) : ICrmContactResolver
{
    private readonly HubSpotOptions _options = options.Value;

    // The account's phones are read in Identity:DefaultRegion unless Crm:HubSpot:DefaultRegion is set.
    private readonly IdentityNormalizer _storedPhones = identities.InRegion(options.Value.DefaultRegion);

    public async Task<CrmContactResolution> ResolveAsync(CrmContactQuery query, CancellationToken ct) =>
        (await ResolveManyAsync([query], ct).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<CrmContactResolution>> ResolveManyAsync(IReadOnlyList<CrmContactQuery> queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var resolutions = new CrmContactResolution?[queries.Count];
        var ours = await ReadOursAsync(queries, ct).ConfigureAwait(false);
        var open = new List<int>();
        for (var i = 0; i < queries.Count; i++)
        {
            if (ours.TryGetValue(queries[i].CustomerId.ToString(), out var id))
            {
                resolutions[i] = CrmContactResolution.Found(new CrmRecord(HubSpotObjectTypes.Contacts, id));
            }
            else
            {
                open.Add(i);
            }
        }

        var people = await SearchAsync(open.Select(i => queries[i]).ToList(), ct).ConfigureAwait(false);
        var toCreate = new List<int>();
        foreach (var i in open)
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

    private async Task<Dictionary<string, string>> ReadOursAsync(IReadOnlyList<CrmContactQuery> queries, CancellationToken ct)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = queries.Select(q => q.CustomerId.ToString()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in keys.Chunk(HubSpotClient.BatchLimit))
        {
            var answer = await client.BatchReadAsync(HubSpotObjectTypes.Contacts, _options.CustomerIdProperty, chunk, [_options.CustomerIdProperty], ct).ConfigureAwait(false);
            foreach (var contact in answer.Results ?? [])
            {
                // An id that matches no record is an error entry (OBJECT_NOT_FOUND), which is what "not ours" means.
                if (contact[_options.CustomerIdProperty] is { } key)
                {
                    found.TryAdd(key, contact.Id);
                }
            }
        }

        return found;
    }

    private async Task<List<HubSpotObject>> SearchAsync(IReadOnlyList<CrmContactQuery> queries, CancellationToken ct)
    {
        var phones = queries.SelectMany(q => q.Identities.Where(i => i.Kind is IdentityKind.Phone or IdentityKind.WhatsApp)).Select(i => i.Value).Distinct(StringComparer.Ordinal).ToList();
        var emails = queries.SelectMany(q => q.Identities.Where(i => i.Kind == IdentityKind.Email)).Select(i => i.Value).Distinct(StringComparer.Ordinal).ToList();
        var people = new Dictionary<string, HubSpotObject>(StringComparer.Ordinal);
        var phoneChunks = phones.Chunk(HubSpotPhoneSearch.MaxValuesPerFilter).ToList();
        var emailChunks = emails.Chunk(HubSpotPhoneSearch.MaxValuesPerFilter).ToList();
        for (var n = 0; n < Math.Max(phoneChunks.Count, emailChunks.Count); n++)
        {
            var groups = HubSpotPhoneSearch.Groups(n < phoneChunks.Count ? phoneChunks[n] : [], n < emailChunks.Count ? emailChunks[n] : []);
            string? after = null;
            do
            {
                var page = await client.SearchAsync(
                    HubSpotObjectTypes.Contacts, new HubSpotSearchRequest(groups, HubSpotPhoneSearch.ReturnedProperties, 100, after), ct).ConfigureAwait(false);
                foreach (var person in page.Results)
                {
                    people.TryAdd(person.Id, person);
                }

                after = page.Paging?.Next?.After;
            }
            while (after is not null);
        }

        return people.Values.ToList();
    }

    private CrmContactResolution? Match(CrmContactQuery query, IReadOnlyList<HubSpotObject> people)
    {
        var phones = query.Identities.Where(i => i.Kind is IdentityKind.Phone or IdentityKind.WhatsApp).Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        var emails = query.Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        var matches = people
            .Where(p => new[] { p["phone"], p["mobilephone"] }.Any(stored => NormalizedPhone(stored) is { } e164 && phones.Contains(e164))
                || (p["email"] is { } email && emails.Contains(email.Trim().ToLowerInvariant())))
            .ToList();
        return matches.Count switch
        {
            0 => null,
            1 => CrmContactResolution.Found(new CrmRecord(HubSpotObjectTypes.Contacts, matches[0].Id)),
            _ => CrmContactResolution.Ambiguous(matches.Select(m => new CrmContactCandidate(
                HubSpotObjectTypes.Contacts, m.Id, $"{m["firstname"]} {m["lastname"]}".Trim(), m["phone"] ?? m["mobilephone"], m["email"])).ToList()),
        };
    }

    private string? NormalizedPhone(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return null;
        }

        try
        {
            return _storedPhones.Normalize(IdentityKind.Phone, stored).Value;
        }
        catch (InvalidIdentityException)
        {
            return null; // free text that is no phone number ("ask for Jim") matches nobody
        }
    }

    private async Task CreateAsync(IReadOnlyList<CrmContactQuery> queries, List<int> indexes, CrmContactResolution?[] resolutions, CancellationToken ct)
    {
        foreach (var chunk in indexes.Chunk(HubSpotClient.BatchLimit))
        {
            HubSpotBatchResponse answer;
            try
            {
                answer = await client.BatchUpsertAsync(HubSpotObjectTypes.Contacts, chunk.Select(i => Input(queries[i])).ToList(), ct).ConfigureAwait(false);
            }
            catch (CrmRequestFailedException conflict) when (conflict.StatusCode == 409 && chunk.Length > 1)
            {
                // One email of the batch belongs to a contact already, which fails the whole batch: one by one, each
                // conflict then names its own contact.
                foreach (var i in chunk)
                {
                    await CreateAsync(queries, [i], resolutions, ct).ConfigureAwait(false);
                }

                continue;
            }
            catch (CrmRequestFailedException conflict) when (conflict.StatusCode == 409 && HubSpotErrors.ExistingId(conflict.Message) is { } existing)
            {
                resolutions[chunk[0]] = CrmContactResolution.Found(new CrmRecord(HubSpotObjectTypes.Contacts, existing));
                continue;
            }

            var byKey = (answer.Results ?? []).Where(r => r[_options.CustomerIdProperty] is not null)
                .ToDictionary(r => r[_options.CustomerIdProperty]!, StringComparer.Ordinal);
            foreach (var i in chunk)
            {
                if (!byKey.TryGetValue(queries[i].CustomerId.ToString(), out var contact))
                {
                    throw client.Failure(answer.Errors?.FirstOrDefault(), $"create contact for customer {queries[i].CustomerId}");
                }

                var record = new CrmRecord(HubSpotObjectTypes.Contacts, contact.Id);
                resolutions[i] = contact.New == false ? CrmContactResolution.Found(record) : CrmContactResolution.Created(record);
            }
        }
    }

    private HubSpotUpsertInput Input(CrmContactQuery query) =>
        new(_options.CustomerIdProperty, query.CustomerId.ToString(), HubSpotContactMapper.ToProperties(query, _options.CustomerIdProperty));
}
