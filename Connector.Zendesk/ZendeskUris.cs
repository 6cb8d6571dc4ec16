namespace Connector.Zendesk;

/// <summary>The Support API's paths, relative to the account (<c>api/v2/…</c>), with <c>.json</c> as the official clients send them.</summary>
internal static class ZendeskUris
{
    public const string Api = "api/v2";

    public static string UserSearch(string query) => $"{Api}/users/search.json?query={Uri.EscapeDataString(query)}";

    public static string UserByExternalId(string externalId) => $"{Api}/users/search.json?external_id={Uri.EscapeDataString(externalId)}";

    public static string Identities(long userId) => $"{Api}/users/{userId}/identities.json";

    public static string CreateOrUpdateUser => $"{Api}/users/create_or_update.json";

    public static string CreateOrUpdateUsers => $"{Api}/users/create_or_update_many.json";

    public static string ShowUsers(IEnumerable<long> ids) => $"{Api}/users/show_many.json?ids={string.Join(',', ids)}";

    public static string Tickets => $"{Api}/tickets.json";

    public static string TicketsByExternalId(string externalId) => $"{Api}/tickets.json?external_id={Uri.EscapeDataString(externalId)}";

    public static string Ticket(long id) => $"{Api}/tickets/{id}.json";

    public static string CreateTickets => $"{Api}/tickets/create_many.json";

    public static string UpdateTickets => $"{Api}/tickets/update_many.json";

    public static string JobStatus(string id) => $"{Api}/job_statuses/{Uri.EscapeDataString(id)}.json";

    /// <summary>Talk Partner Edition: a voice ticket.</summary>
    public static string VoiceTickets => $"{Api}/channels/voice/tickets.json";

    /// <summary>Talk Partner Edition: opens a ticket in the agent's Zendesk user interface (screen-pop).</summary>
    public static string DisplayTicket(long agentId, long ticketId) => $"{Api}/channels/voice/agents/{agentId}/tickets/{ticketId}/display.json";

    /// <summary>Talk Partner Edition: opens a user's profile in the agent's Zendesk user interface.</summary>
    public static string DisplayUser(long agentId, long userId) => $"{Api}/channels/voice/agents/{agentId}/users/{userId}/display.json";

    public static string Upload(string fileName) => $"{Api}/uploads.json?filename={Uri.EscapeDataString(fileName)}";

    public static string AgentTicketPage(long ticketId) => $"agent/tickets/{ticketId}";
}
