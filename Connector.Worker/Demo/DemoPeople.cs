namespace Connector.Worker.Demo;

/// <summary>One demo person: a local account, and for agents and supervisors the routing agent of the same email.</summary>
internal sealed record DemoPerson(
    string Id, string Name, string Role, Dictionary<string, int> Skills, List<string> Languages, List<string>? Supervises, string? Phone)
{
    public const string EmailDomain = "demo.example";

    public string Email => $"{Id}@{EmailDomain}";

    /// <summary>Admins have no agent record: they oversee, they take no work.</summary>
    public bool IsAgent => Role != "admin";
}

/// <summary>
/// Who the demo signs in: two agents, a supervisor of the demo queues and an admin. Each agent gets a phone line in
/// the stand-in (<c>Voice:AgentPhoneNumbers</c>), so a call they accept connects even before the panel's softphone
/// registers a line of its own.
/// </summary>
internal static class DemoPeople
{
    public static readonly IReadOnlyList<DemoPerson> All =
    [
        new("ana", "Ana Costa", "agent",
            new() { ["billing"] = 7, ["orders"] = 6, ["accounts"] = 5 }, ["en", "pt", "es"], null, "+447700900501"),
        new("ben", "Ben Fischer", "agent",
            new() { ["billing"] = 5, ["orders"] = 8, ["accounts"] = 7 }, ["en", "de"], null, "+447700900502"),
        new("sam", "Sam Okafor", "supervisor",
            new() { ["billing"] = 8, ["orders"] = 8, ["accounts"] = 8 }, ["en", "fr"], ["billing", "orders", "accounts"], "+447700900503"),
        new("admin", "Demo Admin", "admin", [], [], null, null),
    ];
}
