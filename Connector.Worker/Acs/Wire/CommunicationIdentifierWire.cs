using System.Text.Json.Serialization;

namespace Connector.Worker.Acs.Wire;

/// <summary>CommunicationIdentifierModel for an ACS user: <c>{"rawId","communicationUser":{"id"}}</c>.</summary>
internal sealed record CommunicationIdentifierWire(string? RawId, CommunicationUserWire? CommunicationUser)
{
    [JsonIgnore]
    public string? UserId => CommunicationUser?.Id ?? RawId;

    public static CommunicationIdentifierWire ForUser(string userId) => new(userId, new CommunicationUserWire(userId));
}
