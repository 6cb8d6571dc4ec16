using Connector.Core.Channels;

namespace Connector.Core.Routing;

/// <summary>
/// A person who takes work: who they are, what they can take, and which channels they are online for now. The store
/// keeps it, the API shows it, and the routing engine is told it (<see cref="Engine.RoutingEngine.UpsertAgent"/> reads
/// the capacity profile, skills and languages; presence reaches the engine through
/// <see cref="Engine.RoutingEngine.SetAvailability"/>, which also starts the offline grace).
/// </summary>
/// <param name="CapacityProfile">The name of a capacity profile of the charter.</param>
/// <param name="Skills">Skill name → proficiency 1–10.</param>
/// <param name="CrmUserId">Their user in the CRM (Salesforce User, Dataverse systemuser…), so activities show who did the work.</param>
public sealed record Agent(
    string Id,
    string Name,
    string CapacityProfile,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<string> Languages,
    string? CrmUserId,
    IReadOnlyList<Channel> Channels,
    DateTimeOffset UpdatedAt)
{
    /// <summary>An agent who is not stored: no CRM user, online nowhere (the simulator, and tests that drive the engine directly).</summary>
    public Agent(string id, string name, string capacityProfile, IReadOnlyDictionary<string, int> skills, IReadOnlyList<string> languages)
        : this(id, name, capacityProfile, skills, languages, null, [], default)
    {
    }
}
