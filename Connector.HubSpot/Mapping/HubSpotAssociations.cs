using Connector.HubSpot.Wire;

namespace Connector.HubSpot.Mapping;

/// <summary>
/// HubSpot's default (HUBSPOT_DEFINED) association type ids, from the side each pair is written from: an activity
/// to its contact, a ticket to its contact, and the activity and its ticket (ticket → call and ticket → email,
/// communication → ticket and note → ticket, the directions HubSpot documents).
/// </summary>
internal static class HubSpotAssociations
{
    private static readonly Dictionary<(string From, string To), int> TypeIds = new()
    {
        [(HubSpotObjectTypes.Calls, HubSpotObjectTypes.Contacts)] = 194,
        [(HubSpotObjectTypes.Communications, HubSpotObjectTypes.Contacts)] = 81,
        [(HubSpotObjectTypes.Notes, HubSpotObjectTypes.Contacts)] = 202,
        [(HubSpotObjectTypes.Emails, HubSpotObjectTypes.Contacts)] = 198,
        [(HubSpotObjectTypes.Tickets, HubSpotObjectTypes.Contacts)] = 16,
        [(HubSpotObjectTypes.Tickets, HubSpotObjectTypes.Calls)] = 219,
        [(HubSpotObjectTypes.Tickets, HubSpotObjectTypes.Emails)] = 223,
        [(HubSpotObjectTypes.Communications, HubSpotObjectTypes.Tickets)] = 83,
        [(HubSpotObjectTypes.Notes, HubSpotObjectTypes.Tickets)] = 228,
    };

    /// <summary>One association to write: from, to, and the pair's type id.</summary>
    public sealed record Link(string FromType, string FromId, string ToType, string ToId)
    {
        public HubSpotAssociationInput ToInput() => new(
            new HubSpotObjectId(FromId), new HubSpotObjectId(ToId), [new HubSpotAssociationType("HUBSPOT_DEFINED", TypeIds[(FromType, ToType)])]);
    }

    public static Link ToContact(string type, string id, string contactId) => new(type, id, HubSpotObjectTypes.Contacts, contactId);

    /// <summary>The activity and its ticket, written from whichever side HubSpot documents a default type for.</summary>
    public static Link ActivityAndTicket(string activityType, string activityId, string ticketId) =>
        TypeIds.ContainsKey((HubSpotObjectTypes.Tickets, activityType))
            ? new Link(HubSpotObjectTypes.Tickets, ticketId, activityType, activityId)
            : new Link(activityType, activityId, HubSpotObjectTypes.Tickets, ticketId);
}
