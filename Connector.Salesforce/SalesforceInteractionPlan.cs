using System.Text.Json.Nodes;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Salesforce.Mapping;
using Connector.Salesforce.Wire;

namespace Connector.Salesforce;

/// <summary>
/// One interaction as Composite subrequests chained by reference: the case (upsert), the activity with
/// <c>WhatId=@{case.id}</c>, then each file with <c>FirstPublishLocationId=@{activity.id}</c>. Records already known
/// (an email written before) are used by id instead of written again. Files too large for JSON are left for a
/// multipart upload once the activity exists.
/// </summary>
internal sealed class SalesforceInteractionPlan
{
    private readonly Dictionary<string, string> _keyByReference = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typeByReference = new(StringComparer.Ordinal);

    private SalesforceInteractionPlan(CrmInteraction interaction) => Interaction = interaction;

    public CrmInteraction Interaction { get; }

    public List<SalesforceCompositeSubrequest> Subrequests { get; } = [];

    /// <summary>Files above the inline limit: uploaded as multipart after the composite, to the activity.</summary>
    public List<CrmAttachment> LargeFiles { get; } = [];

    /// <summary>What is already known to exist, by idempotency key.</summary>
    public Dictionary<string, CrmRecord> Known { get; } = new(StringComparer.Ordinal);

    public string ActivityKey => Interaction.Activity.IdempotencyKey;

    public static async Task<SalesforceInteractionPlan> BuildAsync(
        CrmInteraction interaction, string prefix, IReadOnlyDictionary<string, CrmRecord> known,
        SalesforceUris uris, SalesforceOptions options, SensitiveDataRedactor redactor, CancellationToken ct)
    {
        var plan = new SalesforceInteractionPlan(interaction);
        foreach (var (key, record) in known)
        {
            plan.Known[key] = record;
        }

        string? caseRef = null;
        if (interaction.Case is { } crmCase)
        {
            var body = SalesforceCaseMapper.ToBody(crmCase, redactor);
            if (plan.Known.TryGetValue(crmCase.IdempotencyKey, out var writtenCase))
            {
                caseRef = writtenCase.RecordId;
            }
            else if (crmCase.Existing is { } existing)
            {
                plan.Add($"{prefix}case", crmCase.IdempotencyKey, "Case", "PATCH", uris.Record("Case", existing.RecordId), body);
                plan.Known[crmCase.IdempotencyKey] = existing;
                caseRef = existing.RecordId;
            }
            else
            {
                plan.Add($"{prefix}case", crmCase.IdempotencyKey, "Case", "PATCH", uris.UpsertByExternalId("Case", options.ExternalIdField, crmCase.IdempotencyKey), body);
                caseRef = $"@{{{prefix}case.id}}";
            }
        }

        var activity = interaction.Activity;
        string activityRef;
        if (plan.Known.TryGetValue(activity.IdempotencyKey, out var written))
        {
            activityRef = written.RecordId;
        }
        else
        {
            // Created once, not upserted (TaskSubtype is create-only, a sent email is read-only): a replay answers
            // DUPLICATE_VALUE, and the interaction is then sent again with that record known.
            var body = SalesforceActivityMapper.ToBody(activity, caseRef, redactor);
            var type = SalesforceActivityMapper.RecordType(activity.Channel);
            body[options.ExternalIdField] = activity.IdempotencyKey;
            plan.Add($"{prefix}act", activity.IdempotencyKey, type, "POST", uris.SObject(type), body);
            if (SalesforceActivityMapper.SenderRelation(activity, $"@{{{prefix}act.id}}") is { } relation)
            {
                plan.Add($"{prefix}from", activity.IdempotencyKey + ":from", "EmailMessageRelation", "POST", uris.SObject("EmailMessageRelation"), relation);
            }

            activityRef = $"@{{{prefix}act.id}}";
        }

        var n = 0;
        foreach (var attachment in interaction.Attachments)
        {
            if (plan.Known.ContainsKey(attachment.IdempotencyKey))
            {
                continue;
            }

            if (attachment.Length > options.InlineFileMaxBytes && !SalesforceFileMapper.IsText(attachment))
            {
                plan.LargeFiles.Add(attachment);
                continue;
            }

            var data = await SalesforceFileMapper.ReadAsync(attachment, redactor, ct).ConfigureAwait(false);
            if (data.LongLength > options.InlineFileMaxBytes)
            {
                plan.LargeFiles.Add(attachment);
                continue;
            }

            var entity = SalesforceFileMapper.WithData(SalesforceFileMapper.Entity(attachment, activityRef, options.ExternalIdField), data);
            plan.Add($"{prefix}f{n++}", attachment.IdempotencyKey, "ContentVersion", "POST", uris.SObject("ContentVersion"), entity);
        }

        return plan;
    }

    public string KeyOf(string referenceId) => _keyByReference[referenceId];

    public string TypeOf(string referenceId) => _typeByReference[referenceId];

    public bool Owns(string referenceId) => _keyByReference.ContainsKey(referenceId);

    private void Add(string referenceId, string key, string type, string method, string url, JsonObject body)
    {
        _keyByReference[referenceId] = key;
        _typeByReference[referenceId] = type;
        Subrequests.Add(new SalesforceCompositeSubrequest(method, url, referenceId, body));
    }
}
