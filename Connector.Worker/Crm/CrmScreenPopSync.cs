using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Outbox;

namespace Connector.Worker.Crm;

/// <summary>
/// Opens the conversation's case on the screen of the agent who accepted it (<see cref="OutboxKind.CrmScreenPop"/>,
/// <see cref="ICrmScreenPop"/>). The case usually does not exist yet (it is written at wrap-up), so it is found or
/// created here under the same key the interaction's sync uses (<see cref="CrmInteractionSync.CaseKeyFor"/>), which
/// then finds it linked and writes into it. A pop is only worth something while the agent starts on the work: a
/// row that could not run in time is completed without popping.
/// </summary>
internal sealed class CrmScreenPopSync(
    IRoutingStore routing,
    ICrmLinkStore links,
    CrmPorts ports,
    CrmContactSync contacts,
    SensitiveDataRedactor redactor,
    TimeProvider time,
    ILogger<CrmScreenPopSync> logger) : IOutboxHandler
{
    /// <summary>After this the agent is well into the work: popping the record then would pull their screen away from it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var payload = Read(message);
        var conversationId = message.ConversationId ?? throw new CrmWorkInvalidException($"Outbox row {message.Id} names no conversation.");
        if (ports.ScreenPop is not { } screen)
        {
            return;
        }

        if (time.GetUtcNow() - message.CreatedAt > Window)
        {
            logger.LogInformation("Screen-pop {Key} is {Age} old; the agent is past it, nothing shown", message.IdempotencyKey, time.GetUtcNow() - message.CreatedAt);
            return;
        }

        if (await routing.GetAgentAsync(payload.AgentId, ct) is not { CrmUserId: { Length: > 0 } agentCrmUser })
        {
            logger.LogInformation("Agent {AgentId} has no {Crm} user (crmUserId); nothing to pop for {Key}", payload.AgentId, ports.Crm, message.IdempotencyKey);
            return;
        }

        var record = await RecordAsync(message, conversationId, payload, ct);
        if (record is null)
        {
            logger.LogInformation("Customer {CustomerId} matches several {Crm} records; nothing to pop until the agent picks one", message.CustomerId, ports.Crm);
            return;
        }

        await screen.ShowAsync(agentCrmUser, record, ct);
        logger.LogInformation("{Crm} {RecordType} {RecordId} shown to agent {AgentId}", ports.Crm, record.RecordType, record.RecordId, payload.AgentId);
    }

    /// <summary>The conversation's case, found by its link or created (the adapter looks its key up first); the contact for a CRM without cases.</summary>
    private async Task<CrmRecord?> RecordAsync(OutboxMessage message, Guid conversationId, TaskAssignedPayload payload, CancellationToken ct)
    {
        var caseKey = CrmInteractionSync.CaseKeyFor(conversationId);
        if (await links.FindAsync(ports.Crm, caseKey, ct) is { } linked)
        {
            return new CrmRecord(linked.RecordType, linked.RecordId);
        }

        var contact = await contacts.EnsureAsync(message.CustomerId, createWhenMissing: true, ct);
        if (contact is null || ports.Cases is not { } cases)
        {
            return contact;
        }

        if (!ChannelNames.TryParse(payload.Channel, out var channel))
        {
            throw new CrmWorkInvalidException($"Outbox row {message.Id} names channel '{payload.Channel}', which is not one of {string.Join(", ", ChannelNames.All)}.");
        }

        var task = message.SubjectId is { } taskId ? await routing.FindTaskAsync(taskId, ct) : null;
        var crmCase = new CrmCase(caseKey, contact, redactor.Redact(CrmInteractionSync.Subject(channel, null))!, null, null, null,
            Priority: task is null ? null : CrmPriorityScale.FromRouting(task.Priority));
        var written = await cases.UpsertCaseAsync(crmCase, ct);
        var stored = await links.RecordAsync(new CrmLink(ports.Crm, caseKey, written.RecordType, written.RecordId, time.GetUtcNow()), ct);
        return new CrmRecord(stored.RecordType, stored.RecordId);
    }

    private static TaskAssignedPayload Read(OutboxMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize<TaskAssignedPayload>(message.Payload ?? "null", CrmJson.Options)
                ?? throw new CrmWorkInvalidException($"Outbox row {message.Id} carries no assignment.");
        }
        catch (JsonException ex)
        {
            throw new CrmWorkInvalidException($"Outbox row {message.Id} does not carry an assignment: {ex.Message}", ex);
        }
    }
}
