using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Crm;

namespace Connector.Salesforce.Mapping;

/// <summary>
/// An activity as Salesforce's native record: a call Task (<c>TaskSubtype=Call</c> with CallType, duration,
/// disposition and CallObject) for voice, a Task typed Chat or WhatsApp for messaging, an EmailMessage for email.
/// </summary>
internal static class SalesforceActivityMapper
{
    public static string RecordType(Channel channel) => channel == Channel.Email ? "EmailMessage" : "Task";

    /// <param name="caseId">The case id, or a Composite reference such as <c>@{case0.id}</c>.</param>
    public static JsonObject ToBody(CrmActivity activity, string? caseId, SensitiveDataRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        caseId ??= activity.Case?.RecordId;
        return activity.Channel == Channel.Email ? EmailMessage(activity, caseId, redactor) : Task(activity, caseId, redactor);
    }

    private static JsonObject Task(CrmActivity activity, string? caseId, SensitiveDataRedactor redactor)
    {
        var body = new JsonObject
        {
            ["Subject"] = SalesforceText.Field(redactor, activity.Subject, SalesforceText.SubjectLength),
            ["WhoId"] = activity.Contact.RecordId,
            ["Status"] = "Completed",
            ["Priority"] = "Normal",
            ["ActivityDate"] = activity.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Description"] = SalesforceText.Field(redactor, activity.Body, SalesforceText.DescriptionLength),
        };
        if (activity.Channel == Channel.Voice)
        {
            body["TaskSubtype"] = "Call";
            body["Type"] = "Call";
            body["CallType"] = activity.Direction == Direction.In ? "Inbound" : "Outbound";
            body["CallDurationInSeconds"] = activity.Duration is { } duration ? (int)Math.Round(duration.TotalSeconds) : 0;
            body["CallObject"] = Cut(activity.ChannelRef, 255);
            body["CallDisposition"] = SalesforceText.Field(redactor, activity.Disposition, 255);
        }
        else
        {
            body["TaskSubtype"] = "Task";
            body["Type"] = activity.Channel == Channel.WhatsApp ? "WhatsApp" : "Chat";
        }

        // A lead cannot be related to a case (WhatId is for accounts, cases, opportunities of contacts).
        if (caseId is not null && activity.Contact.RecordType != "Lead")
        {
            body["WhatId"] = caseId;
        }

        if (activity.AgentCrmUserId is { Length: > 0 } owner)
        {
            body["OwnerId"] = owner;
        }

        return WithoutNulls(body);
    }

    private static JsonObject EmailMessage(CrmActivity activity, string? caseId, SensitiveDataRedactor redactor)
    {
        var incoming = activity.Direction == Direction.In;
        var body = new JsonObject
        {
            ["Subject"] = SalesforceText.Field(redactor, activity.Subject, 3000),
            ["TextBody"] = SalesforceText.Field(redactor, activity.Body, DescriptionLimit),
            ["Incoming"] = incoming,
            ["MessageDate"] = activity.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            // 0 New for what the customer sent, 3 Sent for what we sent.
            ["Status"] = incoming ? "0" : "3",
            ["FromAddress"] = incoming ? activity.CustomerAddress : activity.ServiceAddress,
            ["ToAddress"] = incoming ? activity.ServiceAddress : activity.CustomerAddress,
            ["ParentId"] = caseId,
        };
        if (!incoming)
        {
            body["ToIds"] = new JsonArray(activity.Contact.RecordId);
        }

        return WithoutNulls(body);
    }

    private const int DescriptionLimit = 32_000;

    /// <summary>
    /// Ties an inbound email to the customer who sent it (EmailMessageRelation FromAddress): an EmailMessage has no
    /// lookup to a contact, and ToIds names recipients, which are the customer only when we sent it.
    /// </summary>
    public static JsonObject? SenderRelation(CrmActivity activity, string emailMessageId) =>
        activity.Channel != Channel.Email || activity.Direction != Direction.In
            ? null
            : WithoutNulls(new JsonObject
            {
                ["EmailMessageId"] = emailMessageId,
                ["RelationId"] = activity.Contact.RecordId,
                ["RelationType"] = "FromAddress",
                ["RelationAddress"] = activity.CustomerAddress,
            });

    private static string? Cut(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    private static JsonObject WithoutNulls(JsonObject body)
    {
        foreach (var key in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(key);
        }

        return body;
    }
}
