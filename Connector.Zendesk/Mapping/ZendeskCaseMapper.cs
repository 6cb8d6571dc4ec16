using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Crm;

namespace Connector.Zendesk.Mapping;

/// <summary>
/// A case is the conversation's ticket: requester the customer, subject, the description as its first (private)
/// comment, the channel as a tag, and the status the conversation is in.
/// </summary>
internal static class ZendeskCaseMapper
{
    public static ZendeskTicketChange Change(CrmCase crmCase, SensitiveDataRedactor redactor, string? defaultStatus = null)
    {
        ArgumentNullException.ThrowIfNull(crmCase);
        var change = new ZendeskTicketChange(crmCase.IdempotencyKey)
        {
            Subject = ZendeskText.Field(redactor, crmCase.Subject, ZendeskText.SubjectLength),
            Status = Status(crmCase.Status) ?? defaultStatus,
            Priority = Priority(crmCase.Priority),
        };
        if (crmCase.Origin is { } origin)
        {
            change.Tags.Add($"channel_{origin.ToName()}");
        }

        return change;
    }

    public static ZendeskNewTicket NewTicket(CrmCase crmCase, SensitiveDataRedactor redactor, string? defaultStatus = null) => new(
        ZendeskKeys.Id(crmCase.Contact.RecordId) ?? throw new CrmRequestFailedException(ZendeskErrors.Crm, 0, null, $"'{crmCase.Contact.RecordId}' is not a Zendesk user id"),
        ZendeskText.Field(redactor, crmCase.Subject, ZendeskText.SubjectLength) ?? "Conversation",
        Status(crmCase.Status) ?? defaultStatus ?? "open",
        ZendeskText.Field(redactor, crmCase.Description, ZendeskText.CommentLength));

    /// <summary>Zendesk's four priorities are the connector's four steps.</summary>
    public static string? Priority(CrmPriority? priority) => priority switch
    {
        CrmPriority.Low => "low",
        CrmPriority.Normal => "normal",
        CrmPriority.High => "high",
        CrmPriority.Urgent => "urgent",
        _ => null,
    };

    /// <summary>
    /// Zendesk's statuses from the conversation's: solved when it is over (closed is Zendesk's own step after solved,
    /// which the API does not set), pending while the customer is to answer, open otherwise; null keeps the ticket's.
    /// </summary>
    public static string? Status(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "closed" or "solved" or "resolved" or "done" or "wrapped up" => "solved",
        "pending" or "waiting" or "waiting on customer" => "pending",
        "on-hold" or "hold" or "on hold" => "hold",
        "new" => "new",
        _ => "open",
    };
}
