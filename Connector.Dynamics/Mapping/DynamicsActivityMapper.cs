using System.Text.Json.Nodes;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Crm;
using Connector.Dynamics.Batch;

namespace Connector.Dynamics.Mapping;

/// <summary>
/// An interaction as its native activity, closed: a call is a <c>phonecall</c> (From and To as activity parties,
/// participationtypemask 1 and 2), an email an <c>email</c> recorded as received or sent (not a draft), a chat or a
/// WhatsApp conversation a <c>task</c> or the configured custom activity. Regarding is the case when there is one,
/// else the contact. The channel and direction go in <c>category</c>, the disposition in <c>subcategory</c>; the
/// description holds the first 2000 characters and, for conversations, the whole transcript is a note beside it.
/// </summary>
internal static class DynamicsActivityMapper
{
    public static DynamicsOperation Activity(CrmActivity activity, DynamicsTables tables, DynamicsOptions options, SensitiveDataRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var table = tables.ActivityOf(activity.Channel);
        var body = new JsonObject
        {
            ["subject"] = DynamicsText.Cut(redactor.Redact(activity.Subject), DynamicsText.SubjectLength),
            ["description"] = DynamicsText.Cut(redactor.Redact(activity.Body), DynamicsText.DescriptionLength),
            ["actualstart"] = activity.StartedAt.UtcDateTime,
            ["category"] = $"{ChannelLabel(activity.Channel)} {(activity.Direction == Direction.In ? "inbound" : "outbound")}",
        };
        if (activity.Duration is { } duration)
        {
            body["actualend"] = (activity.StartedAt + duration).UtcDateTime;
            body["actualdurationminutes"] = (int)Math.Round(duration.TotalMinutes, MidpointRounding.AwayFromZero);
        }

        if (redactor.Redact(activity.Disposition) is { Length: > 0 } disposition)
        {
            body["subcategory"] = DynamicsText.Cut(disposition, 250);
        }

        var regarding = activity.Case is { } crmCase
            ? (Table: DynamicsTables.Incident, Id: crmCase.RecordId)
            : (Table: DynamicsTables.Contact, Id: activity.Contact.RecordId);
        body[$"regardingobjectid_{regarding.Table}_{table}@odata.bind"] = Bind(tables, regarding.Table, regarding.Id);
        var agent = Guid.TryParse(activity.AgentCrmUserId, out var user) ? user : (Guid?)null;
        if (agent is { } owner)
        {
            body["ownerid@odata.bind"] = DynamicsUris.Bind("systemusers", owner);
        }

        if (table == DynamicsTables.PhoneCall)
        {
            body["directioncode"] = activity.Direction == Direction.Out;
            if (activity.CustomerAddress is { Length: > 0 } number)
            {
                body["phonenumber"] = DynamicsText.Cut(number, 200);
            }

            body["phonecall_activity_parties"] = Parties(activity, tables, agent, null);
        }
        else if (table == DynamicsTables.Email)
        {
            body["directioncode"] = activity.Direction == Direction.Out;
            body["email_activity_parties"] = Parties(activity, tables, agent, activity.ServiceAddress);
        }

        body["statecode"] = 1;
        body["statuscode"] = DynamicsTables.ClosedStatus(table, activity.Direction);
        if (options.KeyColumn is { } keyColumn)
        {
            body[keyColumn] = activity.IdempotencyKey;
        }

        // Create-only: a replay must not rewrite an activity an agent may have edited since, and a closed activity is read-only.
        return DynamicsOperation.Write(tables.SetOf(table), DynamicsIds.For(activity.IdempotencyKey), table, body, DynamicsWriteMode.CreateOnly, "activity", activity.IdempotencyKey);
    }

    /// <summary>The whole redacted conversation as a note on the activity (a description holds 2000 characters; a note 100,000).</summary>
    public static DynamicsOperation? TranscriptNote(CrmActivity activity, CrmRecord written, DynamicsTables tables, SensitiveDataRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Channel is not (Channel.Chat or Channel.WhatsApp) || redactor.Redact(activity.Body) is not { Length: > 0 } transcript)
        {
            return null;
        }

        var body = new JsonObject
        {
            ["subject"] = DynamicsText.Cut($"Transcript: {redactor.Redact(activity.Subject)}", 500),
            ["notetext"] = DynamicsText.Cut(transcript, 100_000),
            [$"objectid_{written.RecordType}@odata.bind"] = Bind(tables, written.RecordType, written.RecordId),
        };
        var key = $"{activity.IdempotencyKey}:note";
        return DynamicsOperation.Write(tables.SetOf(DynamicsTables.Annotation), DynamicsIds.For(key), DynamicsTables.Annotation, body, DynamicsWriteMode.CreateOnly, "note", key);
    }

    public static string Bind(DynamicsTables tables, string table, string id) =>
        Guid.TryParse(id, out var guid)
            ? DynamicsUris.Bind(tables.SetOf(table), guid)
            : throw new CrmRequestFailedException(DynamicsErrors.Crm, 0, null, $"'{id}' is not a Dataverse {table} id");

    private static JsonArray Parties(CrmActivity activity, DynamicsTables tables, Guid? agent, string? serviceAddress)
    {
        var customer = new JsonObject { ["partyid_contact@odata.bind"] = Bind(tables, DynamicsTables.Contact, activity.Contact.RecordId) };
        JsonObject? us = agent is { } user
            ? new JsonObject { ["partyid_systemuser@odata.bind"] = DynamicsUris.Bind("systemusers", user) }
            : serviceAddress is { Length: > 0 } address ? new JsonObject { ["addressused"] = address } : null;
        var (from, to) = activity.Direction == Direction.In ? (customer, us) : (us, customer);
        var parties = new JsonArray();
        if (from is not null)
        {
            from["participationtypemask"] = 1;
            parties.Add(from);
        }

        if (to is not null)
        {
            to["participationtypemask"] = 2;
            parties.Add(to);
        }

        return parties;
    }

    private static string ChannelLabel(Channel channel) => channel switch
    {
        Channel.Voice => "Phone call",
        Channel.Chat => "Chat",
        Channel.WhatsApp => "WhatsApp",
        _ => "Email",
    };
}
