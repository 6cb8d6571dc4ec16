using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Core.Compliance;
using Connector.Core.Crm;

namespace Connector.Zendesk.Mapping;

/// <summary>
/// An interaction's messages as the ticket's comments, one each: the customer's as public comments by the requester,
/// the agent's replies as public comments by the agent (by the connector's user when the agent has no Zendesk user
/// id), notes as private comments. Each is a part with its own key (<c>{activity}:message:{n}</c>), so a replay
/// writes only the ones the ticket does not hold yet.
/// </summary>
internal static class ZendeskMessageMapper
{
    public static string Key(string activityKey, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{activityKey}:message:{index}");

    public static List<ZendeskTicketChange> Changes(CrmActivity activity, SensitiveDataRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var requester = ZendeskKeys.Id(activity.Contact.RecordId);
        var changes = new List<ZendeskTicketChange>();
        var messages = activity.Messages ?? [];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var text = ZendeskText.Field(redactor, message.Text, ZendeskText.CommentLength);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var change = new ZendeskTicketChange(Key(activity.IdempotencyKey, i));
            change.Comment = new JsonObject { ["body"] = text, ["public"] = message.Public };
            var author = message.Author switch
            {
                CrmMessageAuthor.Customer => requester,
                CrmMessageAuthor.Agent => ZendeskKeys.Id(message.AgentCrmUserId),
                _ => null,
            };
            if (author is { } id)
            {
                change.Comment["author_id"] = id;
            }

            change.Connector["activity"] = activity.IdempotencyKey;
            change.Connector["author"] = message.Author.ToString().ToLowerInvariant();
            change.Connector["at"] = message.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            changes.Add(change);
        }

        return changes;
    }
}
