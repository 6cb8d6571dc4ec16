using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Crm;

namespace Connector.Zendesk.Mapping;

/// <summary>
/// An interaction as Zendesk's native record on the conversation's ticket: a call is a voice comment (from, to,
/// started_at, call_duration, answered_by_id, transcription_text); a chat, WhatsApp thread or email is a private
/// comment authored by the agent: the transcript, or when the interaction comes message by message (each its own
/// comment), the summary after them. Private, because a public comment would be emailed to the customer.
/// </summary>
internal static class ZendeskActivityMapper
{
    public static ZendeskTicketChange Change(CrmActivity activity, SensitiveDataRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var change = new ZendeskTicketChange(activity.IdempotencyKey);
        Describe(change, activity, redactor);
        var agent = ZendeskKeys.Id(activity.AgentCrmUserId);
        var body = ZendeskText.Field(redactor, activity.Body, ZendeskText.CommentLength);
        if (activity.Channel == Channel.Voice)
        {
            var (from, to) = activity.Direction == Direction.In
                ? (activity.CustomerAddress, activity.ServiceAddress)
                : (activity.ServiceAddress, activity.CustomerAddress);
            change.VoiceComment = new JsonObject
            {
                ["started_at"] = activity.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["call_duration"] = (int)Math.Round((activity.Duration ?? TimeSpan.Zero).TotalSeconds),
                ["answered_by_id"] = agent,
                ["transcription_text"] = body,
            };
            // A number not known is left out, never made up: Zendesk refuses the voice comment (422 RecordInvalid) and the
            // write falls back to a plain comment saying so (ZendeskTicketChange.WithoutVoiceNumbers).
            if (from is not null)
            {
                change.VoiceComment["from"] = from;
            }

            if (to is not null)
            {
                change.VoiceComment["to"] = to;
            }

            change.VoiceVia = activity.Direction == Direction.In ? 45 : 46;
        }
        else
        {
            var text = new StringBuilder(ZendeskText.Field(redactor, activity.Subject, ZendeskText.SubjectLength));
            if (activity.Messages is { Count: > 0 })
            {
                // The messages are comments of their own (ZendeskMessageMapper): this one is the interaction's summary.
                body = null;
            }

            if (!string.IsNullOrWhiteSpace(body))
            {
                text.Append("\n\n").Append(body);
            }

            if (!string.IsNullOrWhiteSpace(activity.Disposition))
            {
                text.Append("\n\nDisposition: ").Append(ZendeskText.Field(redactor, activity.Disposition, ZendeskText.SubjectLength));
            }

            change.Comment = new JsonObject { ["body"] = text.ToString(), ["public"] = false };
            if (agent is { } author)
            {
                change.Comment["author_id"] = author;
            }
        }

        change.Tags.Add($"channel_{activity.Channel.ToName()}");
        return change;
    }

    /// <summary>The activity's facts in the audit's metadata, for reports and for reading the activity back.</summary>
    public static void Describe(ZendeskTicketChange change, CrmActivity activity, SensitiveDataRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(activity);
        change.Connector["activity"] = activity.IdempotencyKey;
        change.Connector["channel"] = activity.Channel.ToName();
        change.Connector["direction"] = activity.Direction == Direction.In ? "in" : "out";
        change.Connector["subject"] = ZendeskText.Field(redactor, activity.Subject, ZendeskText.SubjectLength);
        change.Connector["disposition"] = ZendeskText.Field(redactor, activity.Disposition, ZendeskText.SubjectLength);
        change.Connector["duration"] = activity.Duration is { } duration ? (int)Math.Round(duration.TotalSeconds) : null;
        change.Connector["channel_ref"] = activity.ChannelRef;
    }

    /// <summary>The ticket an activity opens when its conversation has none yet.</summary>
    public static ZendeskNewTicket NewTicket(CrmActivity activity, SensitiveDataRedactor redactor) => new(
        ZendeskKeys.Id(activity.Contact.RecordId) ?? throw new CrmRequestFailedException(ZendeskErrors.Crm, 0, null, $"'{activity.Contact.RecordId}' is not a Zendesk user id"),
        ZendeskText.Field(redactor, activity.Subject, ZendeskText.SubjectLength) ?? "Conversation",
        "open");
}
