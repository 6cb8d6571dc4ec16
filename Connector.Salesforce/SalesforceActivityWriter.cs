using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Salesforce.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.Salesforce;

/// <summary>
/// Calls, chats and WhatsApp conversations are Tasks; emails are EmailMessages, written together with the relation
/// to the customer in one all-or-none Composite request. Both are created once with the external-id field in the
/// body rather than upserted: TaskSubtype can be set only on create and a sent EmailMessage cannot be updated, so
/// an upsert that hit the existing record would be refused. A replay answers DUPLICATE_VALUE naming the record
/// written before, which is the answer.
/// </summary>
public sealed class SalesforceActivityWriter(
    SalesforceClient client, SensitiveDataRedactor redactor, SalesforceInteractionWriter interactions, IOptions<SalesforceOptions> options) : ICrmActivityWriter
{
    public async Task<CrmRecord> WriteActivityAsync(CrmActivity activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Channel != Channel.Email)
        {
            var body = SalesforceActivityMapper.ToBody(activity, null, redactor);
            body[options.Value.ExternalIdField] = activity.IdempotencyKey;
            return await client.CreateOnceAsync("Task", body, ct).ConfigureAwait(false);
        }

        // An email alone is an interaction without case or files: the interaction writer's all-or-none path.
        var result = await interactions.WriteInteractionAsync(new CrmInteraction(activity, null, []), ct).ConfigureAwait(false);
        return result.Written[activity.IdempotencyKey];
    }
}
