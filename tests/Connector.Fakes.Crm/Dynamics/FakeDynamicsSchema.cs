namespace Connector.Fakes.Crm.Dynamics;

/// <summary>One table: its entity set and key, its writable columns (with their maximum length), its lookups by navigation property, and its activity-party collection.</summary>
/// <param name="Binds">Navigation property (without <c>@odata.bind</c>) → the lookup column it sets and the table it points to.</param>
public sealed record FakeDynamicsTable(
    string Logical, string Set, string Key, IReadOnlyDictionary<string, int?> Columns, IReadOnlyDictionary<string, (string Lookup, string Target)> Binds, string? Parties = null)
{
    public bool IsActivity => Key == "activityid";
}

/// <summary>
/// The tables of the fake environment, as in a Customer Service org with the connector's key column: what a write may
/// name, and how long text may be (subject 200 and description 2000 on activities, title 200 on incidents).
/// </summary>
public sealed class FakeDynamicsSchema
{
    private readonly Dictionary<string, FakeDynamicsTable> _bySet;

    public FakeDynamicsSchema(string keyColumn, string? customActivityTable = null)
    {
        var key = new Dictionary<string, int?> { [keyColumn] = 100 };
        var activity = new Dictionary<string, int?>
        {
            ["subject"] = 200,
            ["description"] = 2000,
            ["actualstart"] = null,
            ["actualend"] = null,
            ["actualdurationminutes"] = null,
            ["scheduledstart"] = null,
            ["scheduledend"] = null,
            ["category"] = 250,
            ["subcategory"] = 250,
            ["statecode"] = null,
            ["statuscode"] = null,
            ["prioritycode"] = null,
        };
        Tables =
        [
            new("contact", "contacts", "contactid",
                Merge(key, new() { ["firstname"] = 50, ["lastname"] = 50, ["telephone1"] = 50, ["telephone2"] = 50, ["mobilephone"] = 50, ["emailaddress1"] = 100, ["emailaddress2"] = 100, ["emailaddress3"] = 100, ["jobtitle"] = 100 }),
                new Dictionary<string, (string, string)> { ["ownerid"] = ("ownerid", "systemuser"), ["parentcustomerid_account"] = ("parentcustomerid", "account") }),
            new("account", "accounts", "accountid", new Dictionary<string, int?> { ["name"] = 160, ["telephone1"] = 50 },
                new Dictionary<string, (string, string)> { ["ownerid"] = ("ownerid", "systemuser") }),
            new("systemuser", "systemusers", "systemuserid", new Dictionary<string, int?> { ["fullname"] = 200, ["azureactivedirectoryobjectid"] = null }, new Dictionary<string, (string, string)>()),
            new("phonecall", "phonecalls", "activityid", Merge(key, Merge(activity, new() { ["phonenumber"] = 200, ["directioncode"] = null })), ActivityBinds("phonecall"), "phonecall_activity_parties"),
            new("task", "tasks", "activityid", Merge(key, activity), ActivityBinds("task")),
            new("email", "emails", "activityid", Merge(key, Merge(activity, new() { ["description"] = null, ["directioncode"] = null, ["sender"] = 250 })), ActivityBinds("email"), "email_activity_parties"),
            .. (customActivityTable is { } custom ? [new FakeDynamicsTable(custom, custom + "s", "activityid", Merge(key, activity), ActivityBinds(custom))] : Array.Empty<FakeDynamicsTable>()),
            new("incident", "incidents", "incidentid",
                Merge(key, new() { ["title"] = 200, ["description"] = 2000, ["caseorigincode"] = null, ["prioritycode"] = null, ["statecode"] = null, ["statuscode"] = null }),
                new Dictionary<string, (string, string)> { ["customerid_contact"] = ("customerid", "contact"), ["customerid_account"] = ("customerid", "account"), ["ownerid"] = ("ownerid", "systemuser") }),
            new("annotation", "annotations", "annotationid",
                new Dictionary<string, int?> { ["subject"] = 500, ["notetext"] = 100_000, ["filename"] = 255, ["mimetype"] = 256, ["documentbody"] = null },
                new[] { "contact", "phonecall", "task", "email", "incident", "account", customActivityTable }.OfType<string>().ToDictionary(t => $"objectid_{t}", t => ("objectid", t))),
        ];
        _bySet = Tables.ToDictionary(t => t.Set, StringComparer.Ordinal);
    }

    public IReadOnlyList<FakeDynamicsTable> Tables { get; }

    public FakeDynamicsTable? BySet(string set) => _bySet.GetValueOrDefault(set);

    public FakeDynamicsTable ByLogical(string logical) => Tables.Single(t => t.Logical == logical);

    private static Dictionary<string, (string, string)> ActivityBinds(string activity) => new()
    {
        [$"regardingobjectid_contact_{activity}"] = ("regardingobjectid", "contact"),
        [$"regardingobjectid_incident_{activity}"] = ("regardingobjectid", "incident"),
        [$"regardingobjectid_account_{activity}"] = ("regardingobjectid", "account"),
        ["ownerid"] = ("ownerid", "systemuser"),
    };

    private static Dictionary<string, int?> Merge(Dictionary<string, int?> a, Dictionary<string, int?> b)
    {
        var merged = new Dictionary<string, int?>(a);
        foreach (var (name, length) in b)
        {
            merged[name] = length;
        }

        return merged;
    }
}
