using Connector.Core.Channels;

namespace Connector.Core.Routing;

/// <summary>An agent as stored: who they are, what they can do, and which channels they are online for now.</summary>
/// <param name="CrmUserId">Their user in the CRM (Salesforce User, Dataverse systemuser…), so activities show who did the work.</param>
public sealed record AgentRecord(
    string Id,
    string Name,
    string CapacityProfile,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<string> Languages,
    string? CrmUserId,
    IReadOnlyList<Channel> Channels,
    DateTimeOffset UpdatedAt);
