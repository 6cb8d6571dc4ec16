using System.Text.Json.Nodes;
using Connector.Crm.Contract;
using Connector.Fakes.Crm.Salesforce;

namespace Connector.Salesforce.Tests.Infrastructure;

/// <summary>The fake Salesforce seen through the contract's CRM-neutral eyes: Tasks and EmailMessages are activities, ContentVersions files.</summary>
public sealed class SalesforceCrmFake(FakeSalesforceServer fake) : ICrmFake
{
    private const string KeyField = "Connector_Key__c";

    public string AgentUserId => fake.IntegrationUserId;

    public int ApiRequests => fake.ApiRequestCount;

    public int TokenRequests => fake.TokenRequestCount;

    public string SeedContact(string firstName, string lastName, string? phone, string? email) =>
        fake.Seed("Contact", new JsonObject { ["FirstName"] = firstName, ["LastName"] = lastName, ["Phone"] = phone, ["Email"] = email });

    public IReadOnlyList<CrmFakeContact> Contacts() =>
        fake.Records("Contact").Select(r => new CrmFakeContact(r.Id, r["Name"], r["Phone"], r["Email"])).ToList();

    public IReadOnlyList<CrmFakeActivity> Activities() =>
        fake.Records("Task").Select(t => new CrmFakeActivity(
                t.Id,
                t["TaskSubtype"] == "Call" ? "voice" : t["Type"] == "WhatsApp" ? "whatsapp" : "chat",
                t[KeyField], t["WhoId"], t["WhatId"], t["Subject"], t["Description"],
                t["CallDurationInSeconds"] is { } seconds ? int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture) : null,
                t["CallDisposition"],
                t["TaskSubtype"] == "Call" ? (t["CallType"] == "Inbound" ? "in" : "out") : "in",
                t["OwnerId"]))
            .Concat(fake.Records("EmailMessage").Select(e => new CrmFakeActivity(
                e.Id, "email", e[KeyField], EmailContact(e, fake.Records("EmailMessageRelation")), e["ParentId"], e["Subject"], e["TextBody"], null, null,
                e["Incoming"] == "true" ? "in" : "out", null)))
            .ToList();

    public IReadOnlyList<CrmFakeFile> Files() =>
        fake.Records("ContentVersion").Select(f => new CrmFakeFile(f.Id, f[KeyField], f["FirstPublishLocationId"]!, f["PathOnClient"]!, f.VersionData ?? [])).ToList();

    public IReadOnlyList<CrmFakeCase> Cases() =>
        fake.Records("Case").Select(c => new CrmFakeCase(c.Id, c[KeyField], c["ContactId"], c["Subject"], c["Status"])).ToList();

    public void ThrottleNext(int requests) => fake.ThrottleNext(requests);

    public void ExpireSessions() => fake.ExpireSessions();

    public void FailBatchSubrequestOnce(string idempotencyKey) => fake.FailSubrequestOnce(idempotencyKey);

    /// <summary>The keys a Composite request wrote: from upsert URLs (<c>…/Connector_Key__c/{key}</c>) or the key field in a create's body.</summary>
    public IReadOnlyList<IReadOnlyList<string>> BatchedKeys() =>
        fake.CompositeRequests.Select(subrequests => (IReadOnlyList<string>)subrequests.Select(KeyOf).OfType<string>().ToList()).ToList();

    private static string? KeyOf(JsonObject subrequest)
    {
        var url = subrequest["url"]?.ToString() ?? "";
        var marker = $"/{KeyField}/";
        var at = url.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 ? Uri.UnescapeDataString(url[(at + marker.Length)..]) : subrequest["body"]?[KeyField]?.ToString();
    }

    /// <summary>An inbound email names its sender in an EmailMessageRelation; an outbound one names the contact in ToIds.</summary>
    private static string? EmailContact(FakeSalesforceRecord email, IReadOnlyList<FakeSalesforceRecord> relations) =>
        relations.FirstOrDefault(r => r["EmailMessageId"] == email.Id && r["RelationType"] == "FromAddress")?["RelationId"]
        ?? (email.Fields["ToIds"] is JsonArray ids && ids.Count > 0 ? ids[0]?.ToString() : null);
}
