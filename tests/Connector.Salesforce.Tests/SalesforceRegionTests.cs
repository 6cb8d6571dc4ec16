using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Salesforce.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Salesforce.Tests;

/// <summary>
/// Which region the org's stored phones are read in: <c>Identity:DefaultRegion</c> (the contract suite checks that),
/// unless <c>Crm:Salesforce:DefaultRegion</c> is set.
/// </summary>
public sealed class SalesforceRegionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Crm_Salesforce_DefaultRegion_overrides_Identity_DefaultRegion_for_the_orgs_stored_numbers()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct, settings => settings["Crm:Salesforce:DefaultRegion"] = "US");
        var id = host.Fake.Seed("Contact", new JsonObject { ["LastName"] = "Hamilton", ["Phone"] = "(202) 555-0142" });

        var resolution = await host.Adapter.Contacts.ResolveAsync(Query("Margaret Hamilton", create: true, Phone("+12025550142")), Ct);

        Assert.Equal(CrmContactResolutionKind.Found, resolution.Kind);
        Assert.Equal(id, resolution.Contact!.RecordId);
        Assert.Single(host.Fake.Records("Contact"));
    }

    [Fact]
    public async Task Without_an_override_the_same_stored_number_is_read_as_British_and_not_taken_for_the_American_caller()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        host.Fake.Seed("Contact", new JsonObject { ["LastName"] = "Hamilton", ["Phone"] = "(202) 555-0142" });

        var resolution = await host.Adapter.Contacts.ResolveAsync(Query("Margaret Hamilton", create: false, Phone("+12025550142")), Ct);

        Assert.Equal(CrmContactResolutionKind.NotFound, resolution.Kind);
    }
}
