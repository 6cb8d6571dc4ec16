using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Core.Customers;
using Connector.Salesforce.Mapping;
using Connector.Salesforce.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Salesforce;

/// <summary>
/// Finds customers' contacts: SOSL <c>IN PHONE FIELDS</c> for phones and WhatsApp ids (digit variants, hits re-checked
/// by normalizing the stored value), SOQL for emails and for the connector's own key (a contact we created before).
/// Many customers are resolved with one search and one query; missing ones are created by upsert on the external-id
/// field (the customer id), so a retried creation is the same record.
/// </summary>
public sealed class SalesforceContactResolver(SalesforceClient client, IOptions<SalesforceOptions> options, IdentityNormalizer identities) : ICrmContactResolver
{
    private const int CollectionLimit = 200;
    private static readonly string[] PhoneFields = ["Phone", "MobilePhone", "HomePhone", "OtherPhone"];
    private readonly SalesforceOptions _options = options.Value;

    // The org's phones are read in Identity:DefaultRegion, like every other number the connector sees, unless
    // Crm:Salesforce:DefaultRegion is set (an org kept in another country than the contact centre's).
    private readonly IdentityNormalizer _storedPhones = identities.InRegion(options.Value.DefaultRegion);

    public async Task<CrmContactResolution> ResolveAsync(CrmContactQuery query, CancellationToken ct) =>
        (await ResolveManyAsync([query], ct).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<CrmContactResolution>> ResolveManyAsync(IReadOnlyList<CrmContactQuery> queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Count == 0)
        {
            return [];
        }

        var people = new Dictionary<string, SalesforcePersonRecord>(StringComparer.Ordinal);
        foreach (var person in await SearchPhonesAsync(queries, ct).ConfigureAwait(false))
        {
            people.TryAdd(person.Id, person);
        }

        foreach (var person in await QueryEmailsAndKeysAsync(queries, ct).ConfigureAwait(false))
        {
            people.TryAdd(person.Id, person);
        }

        var resolutions = new CrmContactResolution?[queries.Count];
        var toCreate = new List<int>();
        for (var i = 0; i < queries.Count; i++)
        {
            resolutions[i] = Match(queries[i], people.Values);
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

    private string CreateType => _options.CreateAs == SalesforceCreateAs.Lead ? "Lead" : "Contact";

    private IEnumerable<string> SearchedTypes => _options.CreateAs == SalesforceCreateAs.Lead ? ["Contact", "Lead"] : ["Contact"];

    private CrmContactResolution? Match(CrmContactQuery query, IEnumerable<SalesforcePersonRecord> people)
    {
        var key = query.CustomerId.ToString();
        var ours = people.Where(p => p.ExternalKey == key).OrderBy(p => p.Type == "Contact" ? 0 : 1).FirstOrDefault();
        if (ours is not null)
        {
            return CrmContactResolution.Found(new CrmRecord(ours.Type, ours.Id));
        }

        var phones = query.Identities.Where(i => i.Kind is IdentityKind.Phone or IdentityKind.WhatsApp).Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        var emails = query.Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        var matches = people
            .Where(p => p.Phones.Any(stored => NormalizedPhone(stored) is { } e164 && phones.Contains(e164))
                || (p.Email is { } email && emails.Contains(email.Trim().ToLowerInvariant())))
            .ToList();
        return matches.Count switch
        {
            0 => null,
            1 => CrmContactResolution.Found(new CrmRecord(matches[0].Type, matches[0].Id)),
            _ => CrmContactResolution.Ambiguous(matches.Select(m => new CrmContactCandidate(m.Type, m.Id, m.Name, m.Phones.Count > 0 ? m.Phones[0] : null, m.Email)).ToList()),
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

    private async Task<IReadOnlyList<SalesforcePersonRecord>> SearchPhonesAsync(IReadOnlyList<CrmContactQuery> queries, CancellationToken ct)
    {
        var terms = queries
            .SelectMany(q => q.Identities.Where(i => i.Kind is IdentityKind.Phone or IdentityKind.WhatsApp))
            .SelectMany(i => SalesforcePhoneSearch.DigitVariants(i.Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var found = new List<SalesforcePersonRecord>();
        foreach (var chunk in terms.Chunk(SalesforcePhoneSearch.MaxTermsPerSearch))
        {
            var returning = SearchedTypes.Select(t => $"{t}({string.Join(", ", Fields(t))})");
            var records = await client.SearchAsync(SalesforcePhoneSearch.Sosl(chunk, returning), ct).ConfigureAwait(false);
            found.AddRange(records.Select(Read));
        }

        return found;
    }

    private async Task<IReadOnlyList<SalesforcePersonRecord>> QueryEmailsAndKeysAsync(IReadOnlyList<CrmContactQuery> queries, CancellationToken ct)
    {
        var emails = queries.SelectMany(q => q.Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value)).Distinct(StringComparer.Ordinal).ToList();
        var keys = queries.Select(q => q.CustomerId.ToString()).Distinct(StringComparer.Ordinal).ToList();
        var found = new List<SalesforcePersonRecord>();
        foreach (var type in SearchedTypes)
        {
            var where = $"{_options.ExternalIdField} IN {SalesforceSoql.InList(keys)}";
            if (emails.Count > 0)
            {
                where = $"Email IN {SalesforceSoql.InList(emails)} OR {where}";
            }

            var records = await client.QueryAsync($"SELECT {string.Join(", ", Fields(type))} FROM {type} WHERE {where}", ct).ConfigureAwait(false);
            found.AddRange(records.Select(Read));
        }

        return found;
    }

    private async Task CreateAsync(IReadOnlyList<CrmContactQuery> queries, List<int> indexes, CrmContactResolution?[] resolutions, CancellationToken ct)
    {
        if (indexes.Count == 1)
        {
            var query = queries[indexes[0]];
            var record = await client.UpsertAsync(CreateType, query.CustomerId.ToString(), Body(query), ct).ConfigureAwait(false);
            resolutions[indexes[0]] = CrmContactResolution.Created(record);
            return;
        }

        foreach (var chunk in indexes.Chunk(CollectionLimit))
        {
            var bodies = chunk.Select(i =>
            {
                var body = Body(queries[i]);
                body[_options.ExternalIdField] = queries[i].CustomerId.ToString();
                return body;
            }).ToList();
            var results = await client.UpsertCollectionAsync(CreateType, bodies, ct).ConfigureAwait(false);
            for (var n = 0; n < chunk.Length; n++)
            {
                var result = n < results.Count ? results[n] : null;
                if (result is not { Success: true, Id: { } id })
                {
                    throw SalesforceErrors.ToException(400, result?.Errors ?? [], $"create {CreateType}");
                }

                resolutions[chunk[n]] = result.Created == false
                    ? CrmContactResolution.Found(new CrmRecord(CreateType, id))
                    : CrmContactResolution.Created(new CrmRecord(CreateType, id));
            }
        }
    }

    private JsonObject Body(CrmContactQuery query) => SalesforceContactMapper.ToBody(query, _options.CreateAs, _options.LeadCompany);

    private IEnumerable<string> Fields(string type) => type == "Lead"
        ? ["Id", "Name", "Phone", "MobilePhone", "Email", _options.ExternalIdField]
        : ["Id", "Name", "Phone", "MobilePhone", "HomePhone", "OtherPhone", "Email", _options.ExternalIdField];

    private SalesforcePersonRecord Read(JsonElement record)
    {
        string? Text(string name) => record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var type = record.TryGetProperty("attributes", out var attributes) && attributes.TryGetProperty("type", out var t) ? t.GetString() ?? "Contact" : "Contact";
        var phones = PhoneFields.Select(Text).OfType<string>().Where(p => p.Length > 0).ToList();
        return new SalesforcePersonRecord(type, Text("Id")!, Text("Name"), phones, Text("Email"), Text(_options.ExternalIdField));
    }
}
