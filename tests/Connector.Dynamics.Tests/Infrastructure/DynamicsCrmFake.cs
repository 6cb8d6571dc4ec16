using System.Globalization;
using Connector.Crm.Contract;
using Connector.Fakes.Crm.Dynamics;

namespace Connector.Dynamics.Tests.Infrastructure;

/// <summary>
/// The fake Dataverse seen through the contract's CRM-neutral eyes: phonecalls, tasks and emails are activities (a
/// task's channel is in its category), notes with a file are files, incidents are cases.
/// </summary>
public sealed class DynamicsCrmFake(FakeDynamicsServer fake) : ICrmFake
{
    public string AgentUserId => fake.AgentUserId.ToString("D");

    public int ApiRequests => fake.ApiRequestCount;

    public int TokenRequests => fake.TokenRequestCount;

    public string SeedContact(string firstName, string lastName, string? phone, string? email) =>
        fake.SeedContact(firstName, lastName, phone, email).ToString("D");

    public IReadOnlyList<CrmFakeContact> Contacts() =>
        fake.Records("contact").Select(c => new CrmFakeContact(c.Id.ToString("D"), c["fullname"], c["telephone1"], c["emailaddress1"])).ToList();

    public IReadOnlyList<CrmFakeActivity> Activities()
    {
        var incidents = fake.Records("incident").ToDictionary(i => i.Id.ToString("D"), i => i["_customerid_value"]);
        return new[] { "phonecall", "task", "email" }.SelectMany(fake.Records).Select(a => new CrmFakeActivity(
                a.Id.ToString("D"),
                a.Table switch
                {
                    "phonecall" => "voice",
                    "email" => "email",
                    _ => a["category"]?.StartsWith("WhatsApp", StringComparison.Ordinal) == true ? "whatsapp" : "chat",
                },
                a[fake.Options.KeyColumn],
                ContactOf(a, incidents),
                a["_regardingobjectid_type"] == "incident" ? a["_regardingobjectid_value"] : null,
                a["subject"],
                a["description"],
                a["actualstart"] is { } start && a["actualend"] is { } end
                    ? (int)(DateTimeOffset.Parse(end, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(start, CultureInfo.InvariantCulture)).TotalSeconds
                    : null,
                a["subcategory"],
                Direction(a),
                a["_ownerid_value"]))
            .ToList();
    }

    public IReadOnlyList<CrmFakeFile> Files() => fake.Records("annotation")
        .Where(n => n["filename"] is not null && n["documentbody"] is not null)
        .Select(n => new CrmFakeFile(n.Id.ToString("D"), null, n["_objectid_value"]!, n["filename"]!, Convert.FromBase64String(n["documentbody"]!)))
        .ToList();

    public IReadOnlyList<CrmFakeCase> Cases() => fake.Records("incident")
        .Select(i => new CrmFakeCase(i.Id.ToString("D"), i[fake.Options.KeyColumn], i["_customerid_value"], i["title"], i["statecode"] switch
        {
            "1" => "Closed",
            "2" => "Cancelled",
            _ => "Active",
        }))
        .ToList();

    public void ThrottleNext(int requests) => fake.ThrottleNext(requests);

    public void ExpireSessions() => fake.ExpireSessions();

    public void FailBatchSubrequestOnce(string idempotencyKey) => fake.FailChangeSetRequestOnce($"\"{idempotencyKey}\"");

    public IReadOnlyList<IReadOnlyList<string>> BatchedKeys() => fake.BatchedKeys();

    /// <summary>Regarding the contact, or the contact among the parties, or the customer of the case it is regarding.</summary>
    private static string? ContactOf(FakeDynamicsRecord activity, Dictionary<string, string?> incidents) =>
        activity["_regardingobjectid_type"] == "contact" ? activity["_regardingobjectid_value"]
        : activity.Parties.FirstOrDefault(p => p["partytype"]?.ToString() == "contact")?["partyid"]?.ToString()
        ?? (activity["_regardingobjectid_value"] is { } regarding ? incidents.GetValueOrDefault(regarding) : null);

    /// <summary>directioncode false is incoming; a task (no direction column) says it in its category.</summary>
    private static string? Direction(FakeDynamicsRecord activity) => activity["directioncode"] switch
    {
        "false" => "in",
        "true" => "out",
        _ => activity["category"]?.EndsWith("inbound", StringComparison.Ordinal) == true ? "in"
            : activity["category"]?.EndsWith("outbound", StringComparison.Ordinal) == true ? "out" : null,
    };
}
