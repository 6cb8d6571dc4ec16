using Connector.Core.Channels;

namespace Connector.HubSpot.Mapping;

/// <summary>The CRM object each record is (its path segment, also the record type kept in <c>crm_links</c>).</summary>
internal static class HubSpotObjectTypes
{
    public const string Contacts = "contacts";
    public const string Calls = "calls";
    public const string Communications = "communications";
    public const string Notes = "notes";
    public const string Emails = "emails";
    public const string Tickets = "tickets";
    public const string Files = "files";

    /// <summary>Voice is a call, WhatsApp a communication, email an email; web chat a note (HubSpot has no web-chat channel type).</summary>
    public static string Of(Channel channel) => channel switch
    {
        Channel.Voice => Calls,
        Channel.WhatsApp => Communications,
        Channel.Email => Emails,
        _ => Notes,
    };
}
