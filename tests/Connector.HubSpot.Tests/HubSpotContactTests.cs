using System.Net.Http.Json;
using System.Text.Json;
using Connector.Core.Crm;
using Connector.HubSpot.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.HubSpot.Tests;

/// <summary>What only HubSpot's contacts need: a lagging search index, and a 409 that names the contact an email belongs to.</summary>
public sealed class HubSpotContactTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_contact_the_adapter_created_is_found_again_while_search_cannot_see_it_yet()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct);
        var query = Query("Katherine Johnson", create: true, Phone("+442079460111"));

        var created = await host.Adapter.Contacts.ResolveAsync(query, Ct);
        var again = await host.Adapter.Contacts.ResolveAsync(query, Ct);

        Assert.Equal(CrmContactResolutionKind.Created, created.Kind);
        Assert.Equal(CrmContactResolutionKind.Found, again.Kind);
        Assert.Equal(created.Contact, again.Contact);
        Assert.Single(host.Fake.Records("contacts"));
        // The second resolve read the contact by its key and never searched; a search now would not find it yet
        // (the index lags by the fake's default five seconds), so a resolver that searched for it would create a twin.
        Assert.Equal(1, host.Fake.Requests.Count(r => r.IsSearch));
        Assert.Equal(2, host.Fake.Requests.Count(r => r.Path.EndsWith("/batch/read", StringComparison.Ordinal)));
        using var http = new HttpClient { BaseAddress = host.Fake.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", host.Fake.IssueAccessToken());
        var search = await http.PostAsJsonAsync("crm/v3/objects/contacts/search", new
        {
            filterGroups = new[] { new { filters = new[] { new { propertyName = "phone", @operator = "EQ", value = "+442079460111" } } } },
        }, Ct);
        Assert.Equal(0, (await search.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_new_customer_whose_email_another_integration_just_wrote_resolves_to_that_contact_through_the_409()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct);
        var existing = host.Fake.Seed("contacts", new Dictionary<string, string?> { ["email"] = "grace@example.com", ["lastname"] = "Hopper" }, indexed: false);

        var resolution = await host.Adapter.Contacts.ResolveAsync(Query("Grace Hopper", create: true, Email("grace@example.com")), Ct);

        Assert.Equal(CrmContactResolutionKind.Found, resolution.Kind);
        Assert.Equal(existing, resolution.Contact!.RecordId);
        Assert.Single(host.Fake.Records("contacts"));
    }

    [Fact]
    public async Task Many_new_customers_with_one_known_email_among_them_are_each_resolved()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct);
        var existing = host.Fake.Seed("contacts", new Dictionary<string, string?> { ["email"] = "known@example.com" }, indexed: false);

        var resolutions = await host.Adapter.Contacts.ResolveManyAsync(
            [Query("A New", create: true, Email("a@example.com")), Query("Known", create: true, Email("known@example.com")), Query("B New", create: true, Email("b@example.com"))], Ct);

        Assert.Equal([CrmContactResolutionKind.Created, CrmContactResolutionKind.Found, CrmContactResolutionKind.Created], resolutions.Select(r => r.Kind));
        Assert.Equal(existing, resolutions[1].Contact!.RecordId);
        Assert.Equal(3, host.Fake.Records("contacts").Count);
    }
}
