using Connector.Core.Channels;
using Connector.Core.Conversations;

namespace Connector.Core.Crm;

/// <summary>
/// One interaction to log as the CRM's NATIVE activity for its channel (a Salesforce call Task, a Dataverse
/// phonecall, a HubSpot call or communication, a Zendesk voice comment). Text is already redacted.
/// </summary>
/// <param name="IdempotencyKey"><c>{conversationId}:{action}</c>: the same key written twice is one record (external-id upsert).</param>
/// <param name="ChannelRef">The channel's id for the interaction (the ACS call id, the chat thread id), when there is one.</param>
/// <param name="AgentCrmUserId">The agent's user in this CRM, so the activity shows who did the work.</param>
/// <param name="CustomerAddress">The customer's address on the channel (email address, E.164 number), e.g. an email's From when inbound.</param>
/// <param name="ServiceAddress">The contact centre's address on the channel (the support mailbox, the called number).</param>
/// <param name="Messages">The interaction message by message (customer, agent, notes), in order, for CRMs that keep them
/// one by one; null when the Worker gives none (a call). <paramref name="Body"/> still holds the whole transcript.</param>
public sealed record CrmActivity(
    string IdempotencyKey,
    CrmRecord Contact,
    Channel Channel,
    Direction Direction,
    DateTimeOffset StartedAt,
    TimeSpan? Duration,
    string Subject,
    string? Body,
    string? Disposition,
    string? AgentCrmUserId,
    string? ChannelRef,
    CrmRecord? Case = null,
    string? CustomerAddress = null,
    string? ServiceAddress = null,
    IReadOnlyList<CrmMessage>? Messages = null);
