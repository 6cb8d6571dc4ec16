using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Intake;

/// <summary>
/// Turns one inbound event into state, in one store transaction: resolve (or create, or merge) the customer,
/// continue their open conversation on any channel or open a new one, append the timeline event, open or
/// update the routing task, and leave outbox rows for the CRM.
/// </summary>
public sealed class InboundEventIntake(
    IConnectorStore store,
    IdentityNormalizer normalizer,
    SensitiveDataRedactor redactor,
    IOptions<ConversationOptions> conversationOptions,
    TimeProvider time,
    ILogger<InboundEventIntake> logger,
    Bot.BotGate? bots = null)
{
    private const int MaxAttempts = 5;
    private readonly TimeSpan _continuityWindow = conversationOptions.Value.ContinuityWindow;

    public Task<IntakeResult> AcceptAsync(InboundEvent inbound, CancellationToken ct) => AcceptAsync(inbound, null, ct);

    /// <param name="raw">The delivery it was read from, kept in the same transaction (null: nothing raw to keep).</param>
    public async Task<IntakeResult> AcceptAsync(InboundEvent inbound, InboundRawEvent? raw, CancellationToken ct)
    {
        var (identities, crmRefs) = Normalize(inbound);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AcceptOnceAsync(inbound, raw, identities, crmRefs, ct);
            }
            catch (StoreConcurrencyException ex) when (attempt < MaxAttempts)
            {
                // Another event of the same customer committed first; the retry sees its result.
                logger.LogDebug(ex, "Intake of event {EventId} raced another transaction; attempt {Attempt} retries", inbound.EventId, attempt);
            }
        }
    }

    private (IReadOnlyList<CustomerIdentity>, IReadOnlyList<CrmRecordRef>) Normalize(InboundEvent inbound)
    {
        if (string.IsNullOrWhiteSpace(inbound.EventId))
        {
            throw new InvalidInboundEventException("An inbound event needs an eventId.");
        }

        if (inbound.Identities is not { Count: > 0 })
        {
            throw new InvalidInboundEventException($"Event {inbound.EventId} names no customer identity.");
        }

        var identities = new List<CustomerIdentity>();
        try
        {
            foreach (var raw in inbound.Identities)
            {
                var identity = normalizer.Normalize(raw.Kind, raw.Value);
                identities.Add(identity);
                // A WhatsApp id is a phone number: the caller on that number is the same person.
                if (identity.Kind == IdentityKind.WhatsApp)
                {
                    identities.Add(identity with { Kind = IdentityKind.Phone });
                }
            }
        }
        catch (InvalidIdentityException ex)
        {
            throw new InvalidInboundEventException($"Event {inbound.EventId}: {ex.Message}", ex);
        }

        var crmRefs = (inbound.CrmRefs ?? []).Select(r => CrmRecordRef.Create(r.Crm, r.RecordId)).Distinct().ToList();
        return (identities.Distinct().ToList(), crmRefs);
    }

    private async Task<IntakeResult> AcceptOnceAsync(
        InboundEvent inbound, InboundRawEvent? raw, IReadOnlyList<CustomerIdentity> identities, IReadOnlyList<CrmRecordRef> crmRefs, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await store.BeginAsync(ct);
        if (raw is not null)
        {
            // A redelivery rolls back with its duplicate check: the first delivery's raw record is already kept.
            await tx.KeepRawEventAsync(raw, now, ct);
        }

        if (!await tx.TryRecordInboundEventAsync(inbound.EventId, inbound.Channel, now, ct))
        {
            return IntakeResult.ForDuplicate();
        }

        var resolution = await ResolveCustomerAsync(tx, inbound, identities, crmRefs, now, ct);
        var customerId = resolution.CustomerId;
        // A customer learnt only by identities no CRM can match (a web-chat visitor's ACS id, an unverified sender) gets
        // no contact yet: one made now would be a second CRM record of a person whose verified identity links them later,
        // and intake keeps customers with different records of one CRM apart. Wrap-up finds or creates it if need be.
        if (resolution.Changed && (crmRefs.Count > 0 || identities.Any(i => i.Kind is not (IdentityKind.Chat or IdentityKind.UnverifiedEmail))))
        {
            await tx.EnqueueCoalescedAsync(
                OutboxMessage.New(OutboxKind.ContactSync, $"{customerId}:{OutboxKind.ContactSync}:{inbound.EventId}", customerId, null, null, now), ct);
        }

        Guid? conversationId = null, timelineEventId = null, taskId = null;
        if (inbound.Type is { } type)
        {
            var conversation = await ContinueOrOpenConversationAsync(tx, customerId, resolution.Created, inbound, ct);
            var segment = await CurrentSegmentAsync(tx, conversation, inbound, ct);
            var timelineEvent = new TimelineEvent(
                Guid.CreateVersion7(), conversation.Id, segment.Id, type, inbound.Channel, inbound.Direction,
                inbound.OccurredAt, redactor.Redact(inbound.Text), inbound.ExternalRef, inbound.EventId,
                type == TimelineEventType.Message && inbound.Direction == Direction.Out
                    ? inbound.Send is null ? DeliveryStatuses.Sent : DeliveryStatuses.Pending
                    : null)
            { Author = inbound.Author };
            await tx.InsertTimelineEventAsync(timelineEvent, ct);
            foreach (var file in inbound.Attachments ?? [])
            {
                await tx.InsertAttachmentAsync(new TimelineAttachment(Guid.CreateVersion7(), timelineEvent.Id, file.FileName, file.ContentType, file.SizeBytes, file.Path, now), ct);
            }

            if (inbound.OccurredAt > conversation.LastActivityAt)
            {
                await tx.TouchConversationAsync(conversation.Id, inbound.OccurredAt, ct);
            }

            taskId = await OpenOrUpdateTaskAsync(tx, conversation, customerId, inbound, type, timelineEvent.Id, now, ct);
            if (inbound.Media is { } media)
            {
                await tx.EnqueueOutboxAsync(OutboxMessage.New(
                    OutboxKind.MediaDownload, $"{conversation.Id}:{OutboxKind.MediaDownload}:{media.Id}", customerId, conversation.Id, timelineEvent.Id, now,
                    System.Text.Json.JsonSerializer.Serialize(media)), ct);
            }

            if (inbound.Send is { } send)
            {
                var row = OutboxMessage.New(send.Kind, send.IdempotencyKey, customerId, conversation.Id, timelineEvent.Id, now, send.Payload);
                await tx.EnqueueOutboxAsync(row with { NextAttemptAt = send.NotBefore ?? now }, ct);
            }

            conversationId = conversation.Id;
            timelineEventId = timelineEvent.Id;
        }

        await tx.CommitAsync(ct);
        return new IntakeResult(false, customerId, conversationId, timelineEventId, taskId, resolution.Created, resolution.Merged, resolution.Conflicting);
    }

    private sealed record Resolution(Guid CustomerId, bool Created, bool Changed, IReadOnlyList<Guid> Merged, IReadOnlyList<Guid> Conflicting);

    private static async Task<Resolution> ResolveCustomerAsync(
        IStoreTransaction tx, InboundEvent inbound, IReadOnlyList<CustomerIdentity> identities, IReadOnlyList<CrmRecordRef> crmRefs,
        DateTimeOffset now, CancellationToken ct)
    {
        var found = await tx.FindCustomersAsync(identities, crmRefs, ct);
        if (found.Count == 0)
        {
            var id = Guid.CreateVersion7();
            await tx.InsertCustomerAsync(id, now, ct);
            foreach (var identity in identities)
            {
                await tx.AddIdentityAsync(id, identity, now, ct);
            }

            foreach (var crmRef in crmRefs)
            {
                await tx.AddCrmRefAsync(id, crmRef, now, ct);
            }

            return new Resolution(id, Created: true, Changed: true, [], []);
        }

        // Deterministic: the oldest customer survives; ties break on the id.
        var ordered = found.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToList();
        var survivor = ordered[0];
        var survivorRefs = survivor.CrmRefs.ToList();
        var owners = new Dictionary<Guid, Guid> { [survivor.Id] = survivor.Id };
        var merged = new List<Guid>();
        var conflicting = new List<Guid>();
        foreach (var other in ordered.Skip(1))
        {
            var conflictCrm = other.ConflictingCrmWith(survivorRefs);
            if (conflictCrm is not null)
            {
                // Different records of one CRM are different people, whatever the event says.
                var theirs = other.CrmRefFor(conflictCrm)!.RecordId;
                var ours = survivorRefs.First(r => r.Crm == conflictCrm).RecordId;
                await tx.RecordIdentityConflictAsync(new IdentityConflict(
                    Guid.CreateVersion7(), survivor.Id, other.Id, conflictCrm, inbound.EventId,
                    $"Event {inbound.EventId} links customers with {conflictCrm} records {ours} and {theirs}; kept apart.", now), ct);
                owners[other.Id] = other.Id;
                conflicting.Add(other.Id);
                continue;
            }

            await tx.MergeCustomerAsync(new CustomerMerge(
                Guid.CreateVersion7(), other.Id, survivor.Id, inbound.EventId,
                $"Event {inbound.EventId} ({inbound.Channel.ToName()}) carried identities of both.", now), ct);
            survivorRefs.AddRange(other.CrmRefs.Where(r => survivorRefs.All(s => s.Crm != r.Crm)));
            owners[other.Id] = survivor.Id;
            merged.Add(other.Id);
        }

        // The event belongs to whoever owns the sender's own identity (the first), else to the survivor.
        var owned = found.SelectMany(c => c.Identities.Select(i => (Identity: i, Owner: owners[c.Id]))).ToDictionary(x => x.Identity, x => x.Owner);
        var primary = owned.TryGetValue(identities[0], out var senderOwner) ? senderOwner : survivor.Id;
        var changed = merged.Count > 0;
        foreach (var identity in identities.Where(i => !owned.ContainsKey(i)))
        {
            await tx.AddIdentityAsync(primary, identity, now, ct);
            changed = true;
        }

        var primaryRefs = primary == survivor.Id ? survivorRefs : found.First(c => c.Id == primary).CrmRefs.ToList();
        foreach (var crmRef in crmRefs.Where(r => !found.Any(c => c.CrmRefs.Contains(r))))
        {
            if (primaryRefs.FirstOrDefault(p => p.Crm == crmRef.Crm) is { } existing)
            {
                await tx.RecordIdentityConflictAsync(new IdentityConflict(
                    Guid.CreateVersion7(), primary, primary, crmRef.Crm, inbound.EventId,
                    $"Event {inbound.EventId} names {crmRef.Crm} record {crmRef.RecordId} but the customer has {existing.RecordId}; not linked.", now), ct);
                continue;
            }

            await tx.AddCrmRefAsync(primary, crmRef, now, ct);
            primaryRefs.Add(crmRef);
            changed = true;
        }

        return new Resolution(primary, Created: false, changed, merged, conflicting);
    }

    private async Task<Conversation> ContinueOrOpenConversationAsync(IStoreTransaction tx, Guid customerId, bool newCustomer, InboundEvent inbound, CancellationToken ct)
    {
        if (newCustomer && inbound.ConversationId is null)
        {
            // A customer made by this event has no conversation to continue: nothing to look up.
            return await OpenConversationAsync(tx, customerId, inbound, ct);
        }

        // Named by the sender (an agent's reply) or by the thread it answers (an email reply): that conversation,
        // even a closed one, since the customer is answering it.
        var named = inbound.ConversationId is { } id
            ? await tx.GetConversationAsync(id, ct)
            : inbound.ThreadRefs is { Count: > 0 } refs ? await tx.FindConversationByExternalRefsAsync(customerId, refs, ct) : null;
        if (named is not null && named.CustomerId == customerId)
        {
            if (named.State == ConversationState.Closed)
            {
                await tx.ReopenConversationAsync(named.Id, ct);
            }

            return named;
        }

        if (inbound.ConversationId is { } missing)
        {
            throw new InvalidInboundEventException($"Event {inbound.EventId}: conversation {missing} does not exist or is not this customer's.");
        }

        var open = await tx.GetLatestOpenConversationAsync(customerId, ct);
        if (open is not null && inbound.OccurredAt - open.LastActivityAt <= _continuityWindow)
        {
            return open;
        }

        if (open is not null)
        {
            // The journey went quiet for longer than the window: it ends where its last activity was.
            await tx.CloseConversationAsync(open.Id, open.LastActivityAt, ct);
        }

        return await OpenConversationAsync(tx, customerId, inbound, ct);
    }

    private static async Task<Conversation> OpenConversationAsync(IStoreTransaction tx, Guid customerId, InboundEvent inbound, CancellationToken ct)
    {
        var conversation = new Conversation(Guid.CreateVersion7(), customerId, ConversationState.Open, inbound.OccurredAt, inbound.OccurredAt, null, []);
        await tx.InsertConversationAsync(conversation, ct);
        return conversation;
    }

    private static async Task<ConversationSegment> CurrentSegmentAsync(IStoreTransaction tx, Conversation conversation, InboundEvent inbound, CancellationToken ct)
    {
        var current = conversation.CurrentSegment;
        if (current is not null && current.Channel == inbound.Channel)
        {
            return current;
        }

        if (current is not null)
        {
            await tx.EndSegmentAsync(current.Id, Max(inbound.OccurredAt, current.StartedAt), ct);
        }

        var segment = new ConversationSegment(Guid.CreateVersion7(), conversation.Id, (current?.Sequence ?? 0) + 1, inbound.Channel, inbound.OccurredAt, null);
        await tx.InsertSegmentAsync(segment, ct);
        return segment;
    }

    private async Task<Guid?> OpenOrUpdateTaskAsync(
        IStoreTransaction tx, Conversation conversation, Guid customerId, InboundEvent inbound, TimelineEventType type, Guid timelineEventId, DateTimeOffset now, CancellationToken ct)
    {
        // Each call is its own task; async channels keep one open task per conversation and channel.
        var callRef = inbound.Channel == Channel.Voice ? inbound.ExternalRef : null;
        var task = await tx.FindOpenTaskAsync(conversation.Id, inbound.Channel, callRef, ct);
        var customerMessage = type == TimelineEventType.Message && inbound.Direction == Direction.In;
        var incomingCall = type == TimelineEventType.CallStarted && inbound.Direction == Direction.In;
        // An agent's outbound call is their work from the start: it opens assigned, so the router holds their capacity.
        var outgoingCall = type == TimelineEventType.CallStarted && inbound.Direction == Direction.Out && inbound.AgentId is { Length: > 0 };

        if (task is null && inbound.HandOff is { } handOff)
        {
            var opened = new RoutingTask(
                Guid.CreateVersion7(), conversation.Id, customerId, inbound.Channel, RoutingTaskState.Queued,
                handOff.Priority, now, now, handOff.CustomerLastMessageAt, null, null)
            { Journey = handOff.Journey ?? inbound.Journey, HandOffSummary = handOff.Summary };
            await tx.InsertTaskAsync(opened, ct);
            return opened.Id;
        }

        if (task is null && customerMessage && bots?.For(inbound.Channel, inbound.Journey) is not null)
        {
            // The bot meets the message first; it opens the task itself if it hands off. After the commit, so the
            // webhook's answer never waits on the model.
            await tx.EnqueueOutboxAsync(OutboxMessage.New(
                OutboxKind.BotTurn, $"{conversation.Id}:{OutboxKind.BotTurn}:{timelineEventId}", customerId, conversation.Id, timelineEventId, now,
                System.Text.Json.JsonSerializer.Serialize(new BotTurnPayload(inbound.Journey))), ct);
            return null;
        }

        if (task is null)
        {
            if (!customerMessage && !incomingCall && !outgoingCall)
            {
                return null;
            }

            var created = new RoutingTask(
                Guid.CreateVersion7(), conversation.Id, customerId, inbound.Channel, outgoingCall ? RoutingTaskState.Assigned : RoutingTaskState.Queued,
                RoutingTask.DefaultPriority, now, now, customerMessage ? inbound.OccurredAt : null, callRef, outgoingCall ? inbound.AgentId : null)
            { Journey = inbound.Journey };
            await tx.InsertTaskAsync(created, ct);
            return created.Id;
        }

        var updated = type switch
        {
            _ when customerMessage && (task.CustomerLastMessageAt is null || inbound.OccurredAt > task.CustomerLastMessageAt) =>
                task with { CustomerLastMessageAt = inbound.OccurredAt, UpdatedAt = now },
            // A caller who hangs up before speaking to an agent (waiting, or while the accepting agent's line rang) abandoned
            // the call; one who spoke to an agent leaves wrap-up.
            TimelineEventType.CallEnded when task.State is RoutingTaskState.Queued or RoutingTaskState.Offered
                || (inbound.EndedBeforeAgent && task.State is RoutingTaskState.Assigned) =>
                task with { State = RoutingTaskState.Abandoned, UpdatedAt = now },
            TimelineEventType.CallEnded when task.State is RoutingTaskState.Assigned =>
                task with { State = RoutingTaskState.WrapUp, UpdatedAt = now },
            _ => task,
        };
        if (updated != task)
        {
            await tx.UpdateTaskAsync(updated, ct);
        }

        return task.Id;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
