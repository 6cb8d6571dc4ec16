using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Core.Customers;
using Connector.Zendesk.Mapping;
using Connector.Zendesk.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Zendesk;

/// <summary>
/// Finds customers' end-users: first by external_id (a user the connector created carries the customer id), then
/// by <c>phone:*&lt;digits&gt;</c> for each phone or WhatsApp id and by <c>email:</c> for each email. Search shows only
/// primary phones and emails, so a hit whose primary values do not match is re-checked against its identities;
/// every stored phone is normalized in <c>Crm:Zendesk:DefaultRegion</c> (else <c>Identity:DefaultRegion</c>). A user
/// found through a number or address it holds in another form gets that identity added, so the next lookup matches
/// it exactly. Missing customers are created with create_or_update (one) or create_or_update_many (several), both
/// matched on external_id, so a retried creation is the same user.
/// </summary>
public sealed class ZendeskContactResolver(ZendeskClient client, IOptions<ZendeskOptions> options, IdentityNormalizer identities) : ICrmContactResolver
{
    private const int ManyLimit = 100;

    // Zendesk's phones are read in Identity:DefaultRegion, like every other number the connector sees, unless
    // Crm:Zendesk:DefaultRegion is set (an account kept in another country than the contact centre's).
    private readonly IdentityNormalizer _storedPhones = identities.InRegion(options.Value.DefaultRegion);

    public async Task<CrmContactResolution> ResolveAsync(CrmContactQuery query, CancellationToken ct) =>
        (await ResolveManyAsync([query], ct).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<CrmContactResolution>> ResolveManyAsync(IReadOnlyList<CrmContactQuery> queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var resolutions = new CrmContactResolution?[queries.Count];
        var toCreate = new List<int>();
        for (var i = 0; i < queries.Count; i++)
        {
            resolutions[i] = await FindAsync(queries[i], ct).ConfigureAwait(false);
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

    private async Task<CrmContactResolution?> FindAsync(CrmContactQuery query, CancellationToken ct)
    {
        var ours = await SearchAsync(ZendeskUris.UserByExternalId(query.CustomerId.ToString()), ct).ConfigureAwait(false);
        if (ours.FirstOrDefault(u => u.ExternalId == query.CustomerId.ToString()) is { } created)
        {
            return CrmContactResolution.Found(ZendeskKeys.User(created.Id));
        }

        var phones = ZendeskContactMapper.Phones(query).ToHashSet(StringComparer.Ordinal);
        var emails = ZendeskContactMapper.Emails(query).ToHashSet(StringComparer.Ordinal);
        var hits = new Dictionary<long, ZendeskUser>();
        foreach (var phone in phones)
        {
            foreach (var user in await SearchAsync(ZendeskUris.UserSearch(ZendeskPhoneSearch.Query(phone)), ct).ConfigureAwait(false))
            {
                hits.TryAdd(user.Id, user);
            }
        }

        foreach (var email in emails)
        {
            foreach (var user in await SearchAsync(ZendeskUris.UserSearch($"role:end-user email:{email}"), ct).ConfigureAwait(false))
            {
                hits.TryAdd(user.Id, user);
            }
        }

        var matches = new List<(ZendeskUser User, IReadOnlyList<ZendeskIdentity>? Identities)>();
        foreach (var user in hits.Values.OrderBy(u => u.Id))
        {
            if (Matches(user.Phone, user.Email, phones, emails))
            {
                matches.Add((user, null));
                continue;
            }

            var held = await IdentitiesAsync(user.Id, ct).ConfigureAwait(false);
            if (held.Any(i => Matches(i.Type == "phone_number" ? i.Value : null, i.Type == "email" ? i.Value : null, phones, emails)))
            {
                matches.Add((user, held));
            }
        }

        switch (matches.Count)
        {
            case 0:
                return null;
            case 1:
                await CompleteIdentitiesAsync(matches[0].User, matches[0].Identities, phones, emails, ct).ConfigureAwait(false);
                return CrmContactResolution.Found(ZendeskKeys.User(matches[0].User.Id));
            default:
                return CrmContactResolution.Ambiguous(matches
                    .Select(m => new CrmContactCandidate(ZendeskKeys.UserType, ZendeskKeys.User(m.User.Id).RecordId, m.User.Name, m.User.Phone, m.User.Email))
                    .ToList());
        }
    }

    private bool Matches(string? storedPhone, string? storedEmail, HashSet<string> phones, HashSet<string> emails) =>
        (storedPhone is not null && NormalizedPhone(storedPhone) is { } e164 && phones.Contains(e164))
        || (storedEmail is not null && emails.Contains(storedEmail.Trim().ToLowerInvariant()));

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

    /// <summary>Adds the customer's numbers and addresses the user holds only in another form (or not at all), so the next lookup is exact.</summary>
    private async Task CompleteIdentitiesAsync(ZendeskUser user, IReadOnlyList<ZendeskIdentity>? held, HashSet<string> phones, HashSet<string> emails, CancellationToken ct)
    {
        if (phones.All(p => p == user.Phone) && emails.All(e => e == user.Email))
        {
            return;
        }

        held ??= await IdentitiesAsync(user.Id, ct).ConfigureAwait(false);
        var missing = phones.Where(p => !held.Any(i => i.Type == "phone_number" && i.Value == p)).Select(p => ("phone_number", p))
            .Concat(emails.Where(e => !held.Any(i => i.Type == "email" && string.Equals(i.Value, e, StringComparison.OrdinalIgnoreCase))).Select(e => ("email", e)));
        foreach (var (type, value) in missing)
        {
            try
            {
                await client.PostAsync<JsonObject>(ZendeskUris.Identities(user.Id), new JsonObject { ["identity"] = ZendeskContactMapper.Identity(type, value) }, "identity", ct).ConfigureAwait(false);
            }
            catch (CrmRequestFailedException refused) when (refused.StatusCode == 422)
            {
                // Zendesk keeps an identity on one user only: another user holds this one, so it is not this user's
                // to take. The match stands on what this user does hold.
            }
        }
    }

    private async Task<IReadOnlyList<ZendeskUser>> SearchAsync(string path, CancellationToken ct) =>
        (await client.GetAsync<ZendeskUsers>(path, "user_search", ct).ConfigureAwait(false)).Users ?? [];

    private async Task<IReadOnlyList<ZendeskIdentity>> IdentitiesAsync(long userId, CancellationToken ct) =>
        (await client.GetAsync<ZendeskIdentities>(ZendeskUris.Identities(userId), "identities", ct).ConfigureAwait(false)).Identities ?? [];

    private async Task CreateAsync(IReadOnlyList<CrmContactQuery> queries, List<int> indexes, CrmContactResolution?[] resolutions, CancellationToken ct)
    {
        if (indexes.Count == 1)
        {
            var answer = await client.PostAsync<ZendeskUserAnswer>(
                ZendeskUris.CreateOrUpdateUser, new JsonObject { ["user"] = ZendeskContactMapper.User(queries[indexes[0]]) }, "user_create", ct, idempotent: true).ConfigureAwait(false);
            resolutions[indexes[0]] = CrmContactResolution.Created(ZendeskKeys.User(answer.User.Id));
            return;
        }

        foreach (var chunk in indexes.Chunk(ManyLimit))
        {
            var users = chunk.Select(i => (JsonNode?)ZendeskContactMapper.User(queries[i])).ToArray();
            var submitted = await client.PostAsync<ZendeskJobStatusAnswer>(
                ZendeskUris.CreateOrUpdateUsers, new JsonObject { ["users"] = new JsonArray(users) }, "user_create_many", ct, idempotent: true).ConfigureAwait(false);
            var job = await client.CompleteAsync(submitted.JobStatus, ct).ConfigureAwait(false);
            for (var n = 0; n < chunk.Length; n++)
            {
                var query = queries[chunk[n]];
                var key = query.CustomerId.ToString();
                var email = ZendeskContactMapper.Emails(query).FirstOrDefault();
                // Results are matched by what identifies the user, never by their position.
                var result = job.Results?.FirstOrDefault(r => r.ExternalId == key)
                    ?? (email is null ? null : job.Results?.FirstOrDefault(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase)));
                if (result is not { Failed: false, Id: { } id })
                {
                    throw new CrmRequestFailedException(ZendeskErrors.Crm, 422, result?.Error ?? "UserNotInJobResults",
                        $"create_or_update_many: user {key}: {result?.DetailText ?? "no result names this user"}");
                }

                resolutions[chunk[n]] = result.Status == "Updated"
                    ? CrmContactResolution.Found(ZendeskKeys.User(id))
                    : CrmContactResolution.Created(ZendeskKeys.User(id));
            }
        }
    }
}
