using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Connector.Core.Crm;

namespace Connector.Zendesk.Mapping;

/// <summary>
/// How the connector's idempotency keys live in Zendesk. A conversation is one ticket whose <c>external_id</c> is
/// the conversation key (the part of every key before its first <c>:</c>); its follow-ups carry the same
/// external_id. Every part written to a ticket (the case, an activity's comment, a file's comment) adds a tag
/// derived from its key in the same update as the comment, so a replay sees in one ticket lookup what is already
/// there; the readable key travels in the audit's metadata. Comments have no external id of their own, so the
/// record of a part is <c>ticket_comment</c> <c>{ticketId}:{key}</c>.
/// </summary>
internal static class ZendeskKeys
{
    public const string UserType = "user";
    public const string TicketType = "ticket";
    public const string CommentType = "ticket_comment";

    public static string Conversation(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? key[..colon] : key;
    }

    /// <summary>A tag (lower-case, no spaces, short) that stands for the key: Zendesk tags cannot hold the key itself.</summary>
    public static string Tag(string key) =>
        "cx_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20];

    public static CrmRecord Ticket(long id) => new(TicketType, id.ToString(CultureInfo.InvariantCulture));

    public static CrmRecord Part(long ticketId, string key) => new(CommentType, $"{ticketId.ToString(CultureInfo.InvariantCulture)}:{key}");

    public static CrmRecord User(long id) => new(UserType, id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The ticket a record is on (a ticket, or a part of one); null for anything else.</summary>
    public static long? TicketOf(CrmRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.RecordType switch
        {
            TicketType => record.RecordId,
            CommentType => record.RecordId.Split(':', 2)[0],
            _ => null,
        };
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var ticket) ? ticket : null;
    }

    public static long? Id(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
