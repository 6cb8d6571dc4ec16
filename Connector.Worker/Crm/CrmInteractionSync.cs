using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Crm;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Outbox;
using Connector.Worker.Push.Messages;
using Connector.Worker.Storage;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Crm;

/// <summary>
/// Logs wrapped-up interactions (<see cref="OutboxKind.InteractionSync"/>): the channel's native activity carrying
/// the redacted transcript and the disposition, the conversation's case, and the files waiting for it
/// (<see cref="OutboxKind.CrmAttach"/> rows of the same task, folded in). An adapter that batches gets the
/// interaction in one call, together with the other interactions that are due and that no job holds (coalescing:
/// after a limit lifts, the backlog drains in a few batch calls instead of one call per row). Otherwise case,
/// activity and attachments go through the single ports in that order, so the activity can name its case. Each
/// record is kept in <c>crm_links</c> under its key as soon as it is written, and a link already there is
/// trusted: a replay after a crash writes only what is still missing. The activity's link is written together with
/// the agent's <c>crmActivity</c> notice (the panel hands the link to the CRM host). While the customer matches several
/// CRM records the interaction waits, without using up attempts, for the agent's pick, which wakes it.
/// </summary>
internal sealed class CrmInteractionSync(
    IConnectorStore store,
    IRoutingStore routing,
    ICrmLinkStore links,
    IOutboxStore outbox,
    SqlCrmSyncStore syncStore,
    CrmContactSync contacts,
    CrmPorts ports,
    CrmFiles files,
    CrmRecordUrls urls,
    SensitiveDataRedactor redactor,
    IOptions<CrmSyncOptions> options,
    IOptions<OutboxOptions> outboxOptions,
    TimeProvider time,
    Qa.QaEvaluations qa,
    CrmCallParties callParties,
    ILogger<CrmInteractionSync> logger,
    Insight.InsightAnalyses? insight = null) : IOutboxHandler
{
    /// <summary>One case per conversation: a second wrap-up (a transfer, a callback) links to the same case.</summary>
    public static string CaseKeyFor(Guid conversationId) => $"{conversationId}:case";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var own = await PrepareAsync(message, ct);
        if (own.Interaction is null)
        {
            logger.LogInformation("Interaction {Key} is already in {Crm}; nothing to write", message.IdempotencyKey, ports.Crm);
            return;
        }

        if (!ports.Batches)
        {
            await WriteOneByOneAsync(own, ct);
            return;
        }

        var others = await PrepareOthersAsync(message, ct);
        if (others.Count == 0)
        {
            await FinishAsync(own, await ports.Interactions!.WriteInteractionAsync(own.Interaction, ct), ct);
            return;
        }

        IReadOnlyList<CrmInteractionOutcome> outcomes;
        try
        {
            outcomes = await ports.Interactions!.WriteInteractionsAsync([own.Interaction, .. others.Select(o => o.Interaction!)], ct);
        }
        catch
        {
            // The batch as a whole failed: the others go back to their own jobs at once, not after the lease.
            foreach (var other in others)
            {
                await syncStore.ReleaseAsync(other.Row.Id, CancellationToken.None);
            }

            throw;
        }

        for (var i = 0; i < others.Count; i++)
        {
            var (other, outcome) = (others[i], outcomes[i + 1]);
            try
            {
                if (outcome.Result is { } written)
                {
                    await FinishAsync(other, written, ct);
                    await outbox.CompleteAsync(other.Row.Id, time.GetUtcNow(), ct);
                }
                else
                {
                    // Its own job retries it alone, on its own schedule.
                    logger.LogWarning("Interaction {Key} failed in a batch ({Error}); its own job retries it", other.Row.IdempotencyKey, outcome.Failure?.Message);
                }
            }
            finally
            {
                await syncStore.ReleaseAsync(other.Row.Id, CancellationToken.None);
            }
        }

        logger.LogInformation("Interaction {Key} written in one batch with {Count} other waiting interactions", message.IdempotencyKey, others.Count);
        await FinishAsync(own, outcomes[0].Result ?? throw outcomes[0].Failure!, ct);
    }

    /// <summary>Other due interactions that no job holds, taken and made ready; one that cannot be made ready is left to its own job.</summary>
    private async Task<List<Prepared>> PrepareOthersAsync(OutboxMessage message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var taken = await syncStore.TakeDueAsync(OutboxKind.InteractionSync, message.Id, now, now + outboxOptions.Value.Lease, options.Value.BatchSize - 1, ct);
        var ready = new List<Prepared>();
        foreach (var row in taken)
        {
            try
            {
                var prepared = await PrepareAsync(row, ct);
                if (prepared.Interaction is null)
                {
                    await outbox.CompleteAsync(row.Id, time.GetUtcNow(), ct);
                    await syncStore.ReleaseAsync(row.Id, CancellationToken.None);
                    continue;
                }

                ready.Add(prepared);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogInformation("Interaction {Key} is not ready to join a batch ({Error}); its own job carries it out", row.IdempotencyKey, ex.Message);
                await syncStore.ReleaseAsync(row.Id, CancellationToken.None);
                if (ex is CrmRequestFailedException { Throttled: true })
                {
                    break;
                }
            }
        }

        return ready;
    }

    /// <summary>Reads what the interaction needs; <see cref="Prepared.Interaction"/> is null when everything is already linked.</summary>
    private async Task<Prepared> PrepareAsync(OutboxMessage message, CancellationToken ct)
    {
        var payload = Read(message);
        var conversationId = message.ConversationId ?? throw new CrmWorkInvalidException($"Outbox row {message.Id} names no conversation.");
        if (!ChannelNames.TryParse(payload.Channel, out var channel))
        {
            throw new CrmWorkInvalidException($"Outbox row {message.Id} names channel '{payload.Channel}', which is not one of {string.Join(", ", ChannelNames.All)}.");
        }

        var view = await store.GetConversationAsync(conversationId, ct)
            ?? throw new CrmWorkInvalidException($"Conversation {conversationId} is not in the store.");
        // Not a fault: nothing is written until someone picks (PUT /api/customers/{id}/crm/contact wakes the row);
        // meanwhile a search now and then finds out whether the CRM's duplicates were merged.
        var contact = await contacts.EnsureAsync(message.CustomerId, createWhenMissing: true, ct)
            ?? throw new CrmWaitException(time.GetUtcNow() + options.Value.MaxRetryDelay,
                $"customer {message.CustomerId} matches several CRM records; the interaction waits for the agent to pick one");

        var events = view.Timeline.Where(e => e.Channel == channel && e.At <= payload.WrappedUpAt).ToList();
        var agent = await routing.GetAgentAsync(payload.AgentId, ct);
        var linkedCase = await FindAsync(CaseKeyFor(conversationId), ct);
        var linkedActivity = await FindAsync(message.IdempotencyKey, ct);
        // Every text bound for the CRM is redacted here, whichever adapter writes it: the disposition is free text when
        // the charter lists none, and it is part of the subject.
        var subject = redactor.Redact(Subject(channel, payload.Disposition))!;
        var task = await routing.FindTaskAsync(payload.TaskId, ct);
        var crmCase = ports.WritesCases
            ? new CrmCase(CaseKeyFor(conversationId), contact, subject, payload.Notes is null ? null : redactor.Redact(payload.Notes), null, linkedCase,
                Priority: task is null ? null : CrmPriorityScale.FromRouting(task.Priority))
            : null;
        var callRef = events.Select(e => e.ExternalRef).FirstOrDefault(r => channel == Channel.Voice && r is not null);
        // A call's numbers: the CRM's call record shows who called which of the contact centre's numbers.
        var numbers = channel == Channel.Voice ? await callParties.FindAsync(callRef, ct) : null;
        var activity = new CrmActivity(
            message.IdempotencyKey, contact, channel, events.FirstOrDefault()?.Direction ?? Direction.In,
            events.FirstOrDefault()?.At ?? payload.WrappedUpAt, InteractionTranscript.Duration(events), subject,
            InteractionTranscript.Build(events, channel, payload.Notes, redactor, [.. await QualityAsync(conversationId, payload, ct), .. await InsightAsync(conversationId, payload, ct)]), redactor.Redact(payload.Disposition), agent?.CrmUserId,
            callRef, linkedCase,
            CustomerAddress: numbers?.Customer, ServiceAddress: numbers?.Service,
            Messages: InteractionMessages.Build(events, channel, payload.Notes, payload.WrappedUpAt, agent?.CrmUserId, redactor));

        // Files waiting for this interaction ride along, so one batch carries them.
        var waiting = new List<(OutboxMessage Row, CrmAttachPayload File)>();
        foreach (var row in await syncStore.ListPendingAsync(conversationId, OutboxKind.CrmAttach, ct))
        {
            if (CrmAttachmentSync.TryRead(row) is { } file && file.TaskId == payload.TaskId && files.Ready(file)
                && await links.FindAsync(ports.Crm, row.IdempotencyKey, ct) is null)
            {
                waiting.Add((row, file));
            }
        }

        if (linkedActivity is not null && (crmCase is null || linkedCase is not null) && waiting.Count == 0)
        {
            return new Prepared(message, payload, conversationId, null, linkedCase, linkedActivity, []);
        }

        // In a batch the files hang off the activity written beside them; the adapter links them by reference.
        var parent = linkedActivity ?? contact;
        var attachments = waiting.Select(w => files.Attachment(w.Row.IdempotencyKey, parent, w.File)).ToList();
        return new Prepared(message, payload, conversationId, new CrmInteraction(activity, crmCase, attachments), linkedCase, linkedActivity, waiting.Select(w => w.Row).ToList());
    }

    private async Task WriteOneByOneAsync(Prepared prepared, CancellationToken ct)
    {
        var (activity, crmCase) = (prepared.Interaction!.Activity, prepared.Interaction.Case);
        var caseRecord = prepared.LinkedCase;
        if (crmCase is not null && caseRecord is null)
        {
            caseRecord = await RecordAsync(crmCase.IdempotencyKey, await ports.Cases!.UpsertCaseAsync(crmCase, ct), ct);
        }

        var activityRecord = prepared.LinkedActivity
            ?? await RecordActivityAsync(prepared, await ports.Activities.WriteActivityAsync(activity with { Case = caseRecord }, ct), ct);
        foreach (var attachment in prepared.Interaction.Attachments)
        {
            await RecordAsync(attachment.IdempotencyKey, await ports.Attachments.AttachAsync(attachment with { Parent = activityRecord }, ct), ct);
        }

        await CompleteFoldedAsync(prepared, ct);
        logger.LogInformation("Interaction {Key} logged in {Crm} ({Files} files)", activity.IdempotencyKey, ports.Crm, prepared.Interaction.Attachments.Count);
    }

    private async Task FinishAsync(Prepared prepared, CrmInteractionResult result, CancellationToken ct)
    {
        foreach (var (key, record) in result.Written)
        {
            if (key == prepared.Row.IdempotencyKey)
            {
                await RecordActivityAsync(prepared, record, ct);
            }
            else
            {
                await RecordAsync(key, record, ct);
            }
        }

        await CompleteFoldedAsync(prepared, ct);
        logger.LogInformation("Interaction {Key} logged in {Crm} ({Files} files)", prepared.Row.IdempotencyKey, ports.Crm, prepared.Folded.Count);
    }

    private async Task CompleteFoldedAsync(Prepared prepared, CancellationToken ct)
    {
        foreach (var row in prepared.Folded)
        {
            // Folded into the interaction: the row's own job would find the link and write nothing.
            await outbox.CompleteAsync(row.Id, time.GetUtcNow(), ct);
        }
    }

    /// <summary>
    /// The task's QA scores for the activity, scored now if the <c>qa.evaluate</c> job has not yet run. QA that fails
    /// here holds the CRM back for nothing: the activity goes without the line, and QA's own job retries the scoring.
    /// </summary>
    private async Task<IReadOnlyList<string>> QualityAsync(Guid conversationId, InteractionSyncPayload payload, CancellationToken ct)
    {
        try
        {
            return [.. (await qa.EnsureAsync(conversationId, payload, ct)).Select(e => e.Summary())];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "QA of task {TaskId} failed; its CRM activity is written without the scores", payload.TaskId);
            return [];
        }
    }

    /// <summary>
    /// The task's insight line (sentiment, trend, topics), analysed now if the <c>insight.analyse</c> job has not yet run;
    /// like QA, a failure here sends the activity without it and the job retries.
    /// </summary>
    private async Task<IReadOnlyList<string>> InsightAsync(Guid conversationId, InteractionSyncPayload payload, CancellationToken ct)
    {
        if (insight is null)
        {
            return [];
        }

        try
        {
            return [(await insight.EnsureAsync(conversationId, payload, ct)).Summary()];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Insight of task {TaskId} failed; its CRM activity is written without it", payload.TaskId);
            return [];
        }
    }

    private static InteractionSyncPayload Read(OutboxMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize<InteractionSyncPayload>(message.Payload ?? "null", CrmJson.Options)
                ?? throw new CrmWorkInvalidException($"Outbox row {message.Id} carries no interaction.");
        }
        catch (JsonException ex)
        {
            throw new CrmWorkInvalidException($"Outbox row {message.Id} does not carry an interaction: {ex.Message}", ex);
        }
    }

    /// <summary>The case's and the activity's subject: the channel, and the disposition once there is one.</summary>
    internal static string Subject(Channel channel, string? disposition)
    {
        var what = channel switch
        {
            Channel.Voice => "Call",
            Channel.Chat => "Chat",
            Channel.WhatsApp => "WhatsApp conversation",
            _ => "Email",
        };
        return string.IsNullOrWhiteSpace(disposition) ? what : $"{what}: {disposition.Trim()}";
    }

    private async Task<CrmRecord?> FindAsync(string key, CancellationToken ct) =>
        await links.FindAsync(ports.Crm, key, ct) is { } link ? new CrmRecord(link.RecordType, link.RecordId) : null;

    private async Task<CrmRecord> RecordAsync(string key, CrmRecord record, CancellationToken ct)
    {
        var stored = await links.RecordAsync(new CrmLink(ports.Crm, key, record.RecordType, record.RecordId, time.GetUtcNow()), ct);
        return new CrmRecord(stored.RecordType, stored.RecordId);
    }

    /// <summary>The activity's link (its key is the row's), and the wrap-up's agent told of it in the same transaction.</summary>
    private async Task<CrmRecord> RecordActivityAsync(Prepared prepared, CrmRecord record, CancellationToken ct)
    {
        var written = new CrmActivityWritten(
            prepared.ConversationId, prepared.Payload.TaskId, prepared.Payload.Channel, ports.Crm, record.RecordType, record.RecordId, (await urls.LinkAsync(record, ct)).Url);
        var stored = await syncStore.RecordActivityAsync(
            new CrmLink(ports.Crm, prepared.Row.IdempotencyKey, record.RecordType, record.RecordId, time.GetUtcNow()), prepared.Payload.AgentId, written, ct);
        return new CrmRecord(stored.RecordType, stored.RecordId);
    }

    /// <param name="Interaction">What to write; null when every part is already linked.</param>
    /// <param name="Folded">Attachment rows the interaction carries, completed with it.</param>
    private sealed record Prepared(
        OutboxMessage Row, InteractionSyncPayload Payload, Guid ConversationId, CrmInteraction? Interaction, CrmRecord? LinkedCase, CrmRecord? LinkedActivity,
        IReadOnlyList<OutboxMessage> Folded);
}
