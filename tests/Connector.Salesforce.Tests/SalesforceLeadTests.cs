using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Salesforce.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Salesforce.Tests;

public sealed class SalesforceLeadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_CreateAs_Lead_an_unknown_caller_becomes_a_lead_with_the_configured_company_and_leads_are_searched_too()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct, settings =>
        {
            settings["Crm:Salesforce:CreateAs"] = "Lead";
            settings["Crm:Salesforce:LeadCompany"] = "Walk-in";
        });
        var existing = host.Fake.Seed("Lead", new JsonObject { ["LastName"] = "Known", ["Company"] = "Acme", ["Phone"] = "020 7946 0500" });

        var created = await host.Adapter.Contacts.ResolveAsync(Query("Lin Wei", create: true, Phone("+442079460501")), Ct);
        var found = await host.Adapter.Contacts.ResolveAsync(Query(null, create: true, Phone("+442079460500")), Ct);

        Assert.Equal(CrmContactResolutionKind.Created, created.Kind);
        Assert.Equal("Lead", created.Contact!.RecordType);
        var lead = host.Fake.FindRecord(created.Contact.RecordId)!;
        Assert.Equal("Walk-in", lead["Company"]);
        Assert.Equal("Wei", lead["LastName"]);
        Assert.Equal(new CrmRecord("Lead", existing), found.Contact);
    }
}
