using System.Text.Json.Serialization;

namespace Connector.Zendesk.Wire;

/// <summary>What the adapter reads of a ticket: who, which conversation, its state, and the tags that mark what was written.</summary>
internal sealed record ZendeskTicket(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("external_id")] string? ExternalId,
    [property: JsonPropertyName("requester_id")] long? RequesterId,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags)
{
    public bool IsClosed => Status == "closed";

    public bool Holds(string tag) => Tags?.Contains(tag, StringComparer.Ordinal) == true;
}

internal sealed record ZendeskTickets(
    [property: JsonPropertyName("tickets")] IReadOnlyList<ZendeskTicket>? Tickets);

internal sealed record ZendeskTicketAnswer(
    [property: JsonPropertyName("ticket")] ZendeskTicket Ticket);
