using System.Net;
using System.Net.Http.Headers;
using Connector.Core.Crm;
using Connector.Dynamics.Mapping;
using Connector.Dynamics.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Dynamics.Tests;

/// <summary>Phones are free text compared exactly: the adapter searches the likely stored forms, and encodes <c>+</c>.</summary>
public sealed class DynamicsPhoneSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_number_stored_as_415_555_1212_is_found_for_the_E164_caller_and_no_plus_is_ever_sent_raw()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct, settings => settings["Crm:Dynamics:DefaultRegion"] = "US");
        var stored = host.Fake.SeedContact("Grace", "Hopper", "(415) 555-1212", null, phoneColumn: "telephone2");
        host.Fake.SeedContact("Someone", "Else", "(415) 555-1213", null);

        var resolution = await host.Adapter.Contacts.ResolveAsync(Query("Grace Hopper", create: true, Phone("+14155551212")), Ct);

        Assert.Equal(CrmContactResolutionKind.Found, resolution.Kind);
        Assert.Equal(stored.ToString("D"), resolution.Contact!.RecordId);
        Assert.Equal(2, host.Fake.Records("contact").Count);
        var search = Assert.Single(host.Fake.Requests, r => r.Method == "GET");
        Assert.Contains("%2B14155551212", search.Target, StringComparison.Ordinal);
        Assert.All(host.Fake.Requests, r => Assert.DoesNotContain("+", r.Target, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_fake_refuses_a_raw_plus_in_a_filter_because_Dataverse_would_read_it_as_a_space()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Fake.ApiRoot, "contacts?$select=contactid&$filter=telephone1 eq '+14155551212'"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Fake.IssueAccessToken());

        using var answer = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("%2B", await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+14155551212", "(415) 555-1212")]
    [InlineData("+14155551212", "415-555-1212")]
    [InlineData("+14155551212", "+1 415-555-1212")]
    [InlineData("+14155551212", "+1 415 555 1212")]
    [InlineData("+442079460958", "020 7946 0958")]
    [InlineData("+442079460958", "(020) 7946 0958")]
    [InlineData("+442079460958", "+44 20 7946 0958")]
    [InlineData("+442079460958", "02079460958")]
    public void An_E164_number_is_searched_in_the_forms_people_type(string e164, string typed)
    {
        Assert.Contains(typed, DynamicsPhoneForms.Of(e164));
    }

    [Fact]
    public void A_filter_literal_doubles_its_quotes_and_the_query_escapes_plus_and_quote()
    {
        var query = DynamicsODataFilter.Query("contacts", ["contactid"], $"emailaddress1 eq {DynamicsODataFilter.Literal("o'neil+x@example.com")}");

        Assert.Equal("contacts?$select=contactid&$filter=emailaddress1%20eq%20%27o%27%27neil%2Bx%40example.com%27", query);
    }
}
