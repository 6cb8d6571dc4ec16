using Connector.Core.Crm;
using Connector.Zendesk.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.Zendesk;

/// <summary>Every record the adapter writes is a ticket or lives on one: the agent's page of that ticket; a user's page for a user.</summary>
public sealed class ZendeskRecordLinks(IOptions<ZendeskOptions> options) : ICrmRecordLinks
{
    public Task<Uri?> UrlOfAsync(CrmRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var account = options.Value.AccountUrl;
        if (ZendeskKeys.TicketOf(record) is { } ticket)
        {
            return Task.FromResult<Uri?>(new Uri(account, ZendeskUris.AgentTicketPage(ticket)));
        }

        return Task.FromResult(record.RecordType == ZendeskKeys.UserType && ZendeskKeys.Id(record.RecordId) is { } user
            ? new Uri(account, $"agent/users/{user}")
            : null);
    }
}
