using System.Net;
using Connector.Core.Crm;
using Connector.Zendesk.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Zendesk.Tests;

/// <summary>Finding end-users by phone through <c>phone:*digits</c>, whatever format the account stored the number in.</summary>
public sealed class ZendeskPhoneLookupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("(513) 555-7611")]
    [InlineData("+1 513.555.7611")]
    [InlineData("513-555-7611")]
    public async Task A_user_stored_with_a_US_number_in_any_format_is_found_for_its_E164_form(string stored)
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct, s => s["Crm:Zendesk:DefaultRegion"] = "US");
        var id = host.Fake.SeedUser("Jane Roe", stored, null);
        host.Fake.SeedUser("Someone Else", "(513) 555-7612", null);

        var resolution = await host.Adapter.Contacts.ResolveAsync(Query("Jane Roe", create: true, Phone("+15135557611")), Ct);

        Assert.Equal(CrmContactResolutionKind.Found, resolution.Kind);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), resolution.Contact!.RecordId);
        Assert.Contains(host.Fake.Requests, r => WebUtility.UrlDecode(r.Target).Contains("query=role:end-user phone:*5135557611", StringComparison.Ordinal));
        Assert.Equal(2, host.Fake.Users().Count(u => u.Role == "end-user"));
    }

    [Fact]
    public async Task The_found_user_gets_the_E164_number_as_an_identity_so_the_next_lookup_matches_it_exactly()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct, s => s["Crm:Zendesk:DefaultRegion"] = "US");
        var id = host.Fake.SeedUser("Jane Roe", "(513) 555-7611", null);

        await host.Adapter.Contacts.ResolveAsync(Query("Jane Roe", create: true, Phone("+15135557611")), Ct);
        var identityPosts = host.Fake.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/identities", StringComparison.Ordinal));
        var again = await host.Adapter.Contacts.ResolveAsync(Query("Jane Roe", create: true, Phone("+15135557611")), Ct);

        var user = host.Fake.Users().Single(u => u.Id == id);
        Assert.Contains(user.Identities, i => i is { Type: "phone_number", Value: "+15135557611" });
        Assert.Equal(1, identityPosts);
        Assert.Equal(identityPosts, host.Fake.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/identities", StringComparison.Ordinal)));
        Assert.Equal(CrmContactResolutionKind.Found, again.Kind);
    }

    [Fact]
    public async Task Without_a_region_of_its_own_a_number_without_country_code_is_read_in_Identity_DefaultRegion()
    {
        // Identity:DefaultRegion is GB here: (513) 555-7611 is no British number, so it is not the American caller.
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        host.Fake.SeedUser("Jane Roe", "(513) 555-7611", null);

        var resolution = await host.Adapter.Contacts.ResolveAsync(Query("Jane Roe", create: false, Phone("+15135557611")), Ct);

        Assert.Equal(CrmContactResolutionKind.NotFound, resolution.Kind);
    }

    [Fact]
    public async Task A_user_matched_only_through_a_secondary_identity_is_found_after_reading_its_identities()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        var id = host.Fake.SeedUser("Ada Byron", "+44 20 7946 0000", "ada@example.com");
        host.Fake.AddIdentity(id, "phone_number", "07700 900222");

        var resolution = await host.Adapter.Contacts.ResolveAsync(Query("Ada Byron", create: false, WhatsApp("447700900222")), Ct);

        Assert.Equal(CrmContactResolutionKind.Found, resolution.Kind);
        Assert.Contains(host.Fake.Requests, r => r.Method == "GET" && r.Path == $"/api/v2/users/{id}/identities");
    }

    [Fact]
    public async Task A_created_user_carries_the_customer_id_as_external_id_and_is_found_by_it_next_time_in_one_request()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        var query = Query("Katherine Johnson", create: true, Phone("+442079460111"), Email("kj@example.com"), Phone("+447700900999"));

        var created = await host.Adapter.Contacts.ResolveAsync(query, Ct);
        var before = host.Fake.ApiRequestCount;
        var again = await host.Adapter.Contacts.ResolveAsync(query, Ct);

        Assert.Equal(CrmContactResolutionKind.Created, created.Kind);
        Assert.Equal(created.Contact, again.Contact);
        Assert.Equal(1, host.Fake.ApiRequestCount - before);
        var user = Assert.Single(host.Fake.Users(), u => u.Role == "end-user");
        Assert.Equal(query.CustomerId.ToString(), user.ExternalId);
        Assert.Contains(user.Identities, i => i is { Type: "phone_number", Value: "+447700900999" });
    }
}
