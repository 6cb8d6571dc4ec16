using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Zendesk.Mapping;

namespace Connector.Zendesk;

/// <summary>
/// Talk Partner Edition's screen-pop: <c>POST /api/v2/channels/voice/agents/{agent}/tickets/{ticket}/display</c>
/// opens the ticket (a user's profile for a user) in the agent's Zendesk. Zendesk answers 404 for an agent or record
/// it does not know; the call is declared (<see cref="CrmCapabilities.ScreenPop"/>) only with <c>TalkPartnerEdition</c>.
/// </summary>
public sealed class ZendeskScreenPop(ZendeskClient client) : ICrmScreenPop
{
    public async Task ShowAsync(string agentCrmUserId, CrmRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var agent = ZendeskKeys.Id(agentCrmUserId)
            ?? throw new CrmRequestFailedException(ZendeskErrors.Crm, 0, "InvalidValue", $"agent '{agentCrmUserId}' is not a Zendesk user id");
        var path = ZendeskKeys.TicketOf(record) is { } ticket ? ZendeskUris.DisplayTicket(agent, ticket)
            : record.RecordType == ZendeskKeys.UserType && ZendeskKeys.Id(record.RecordId) is { } user ? ZendeskUris.DisplayUser(agent, user)
            : throw new CrmRequestFailedException(ZendeskErrors.Crm, 0, "InvalidValue", $"a {record.RecordType} cannot be shown to an agent");
        // Showing it twice is harmless, so a retried attempt may repeat it.
        await client.PostAsync<JsonObject>(path, new JsonObject(), "agent_display", ct, idempotent: true).ConfigureAwait(false);
    }
}
