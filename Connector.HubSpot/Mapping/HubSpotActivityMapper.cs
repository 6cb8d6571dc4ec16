using System.Globalization;
using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Crm;

namespace Connector.HubSpot.Mapping;

/// <summary>
/// An activity as HubSpot's native object for its channel: a call (duration in milliseconds, direction from the
/// HubSpot user's side, numbers, status, outcome id), a WhatsApp communication (logged from the CRM), an email, or
/// a note for web chat. Every one carries the idempotency key in the unique key property.
/// </summary>
internal static class HubSpotActivityMapper
{
    public static Dictionary<string, string?> ToProperties(
        CrmActivity activity, string keyProperty, string? dispositionId, IReadOnlyList<string> attachmentIds, SensitiveDataRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [keyProperty] = activity.IdempotencyKey,
            ["hs_timestamp"] = activity.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (activity.AgentCrmUserId is { Length: > 0 } owner)
        {
            properties["hubspot_owner_id"] = owner;
        }

        if (attachmentIds.Count > 0)
        {
            properties["hs_attachment_ids"] = string.Join(';', attachmentIds);
        }

        switch (activity.Channel)
        {
            case Channel.Voice:
                var inbound = activity.Direction == Direction.In;
                properties["hs_call_title"] = HubSpotText.Plain(redactor, activity.Subject);
                properties["hs_call_body"] = HubSpotText.Html(redactor, null, activity.Body);
                properties["hs_call_direction"] = inbound ? "INBOUND" : "OUTBOUND";
                properties["hs_call_duration"] = ((long)(activity.Duration ?? TimeSpan.Zero).TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                properties["hs_call_from_number"] = inbound ? activity.CustomerAddress : activity.ServiceAddress;
                properties["hs_call_to_number"] = inbound ? activity.ServiceAddress : activity.CustomerAddress;
                properties["hs_call_status"] = "COMPLETED";
                if (dispositionId is not null)
                {
                    properties["hs_call_disposition"] = dispositionId;
                }

                break;
            case Channel.WhatsApp:
                properties["hs_communication_channel_type"] = "WHATS_APP";
                properties["hs_communication_logged_from"] = "CRM";
                properties["hs_communication_body"] = HubSpotText.Html(redactor, activity.Subject, activity.Body);
                break;
            case Channel.Email:
                properties["hs_email_direction"] = activity.Direction == Direction.In ? "INCOMING_EMAIL" : "EMAIL";
                properties["hs_email_status"] = "SENT";
                properties["hs_email_subject"] = HubSpotText.Plain(redactor, activity.Subject);
                properties["hs_email_text"] = HubSpotText.Plain(redactor, activity.Body);
                properties["hs_email_html"] = HubSpotText.Html(redactor, null, activity.Body);
                properties["hs_email_headers"] = EmailHeaders(activity);
                break;
            default:
                properties["hs_note_body"] = HubSpotText.Html(redactor, activity.Subject, activity.Body);
                break;
        }

        return properties;
    }

    /// <summary>The email's sender and recipient as HubSpot keeps them: a JSON string with <c>from</c> and <c>to</c>.</summary>
    private static string EmailHeaders(CrmActivity activity)
    {
        var (from, to) = activity.Direction == Direction.In
            ? (activity.CustomerAddress, activity.ServiceAddress)
            : (activity.ServiceAddress, activity.CustomerAddress);
        return JsonSerializer.Serialize(new
        {
            from = new { email = from },
            to = to is null ? Array.Empty<object>() : [new { email = to }],
        });
    }
}
