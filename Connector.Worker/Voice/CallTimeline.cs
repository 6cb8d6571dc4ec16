using System.Globalization;
using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Outbox;
using Connector.Core.Storage;

namespace Connector.Worker.Voice;

/// <summary>
/// A call's entries on the conversation timeline, written through intake so that customer, conversation, task and
/// CRM outbox stay in one transaction. Each entry's event id is derived from the call (<c>voice:{call}:ended</c>), so
/// a callback delivered twice, or a replayed job, writes it once.
/// </summary>
internal sealed class CallTimeline(InboundEventIntake intake, IConnectorStore store, TimeProvider time)
{
    /// <summary>The call enters the queue: a routing task opens (inbound) with the journey the caller chose.</summary>
    /// <param name="key">Another key for a task of the same call (after a transfer to a queue).</param>
    public async Task<IntakeResult> StartedAsync(VoiceCall call, string text, CancellationToken ct, string key = "started", DateTimeOffset? at = null)
    {
        // An outbound call names the agent who dialled: its task opens assigned to them.
        var started = Event(call, key, TimelineEventType.CallStarted, at ?? call.StartedAt, text) with { Journey = call.Journey, AgentId = call.IsOutbound ? call.AgentId : null };
        var result = await intake.AcceptAsync(started, ct);
        if (!result.Duplicate)
        {
            call.ConversationId = result.ConversationId;
            call.TaskId = result.TaskId;
        }

        return result;
    }

    public Task<IntakeResult> ConnectedAsync(VoiceCall call, DateTimeOffset at, string text, CancellationToken ct) =>
        intake.AcceptAsync(Event(call, $"connected:{call.AgentId}", TimelineEventType.CallConnected, at, text), ct);

    /// <summary>Abandons the task of a caller who never spoke to an agent, or sends the agent's task to wrap-up.</summary>
    public Task<IntakeResult> EndedAsync(VoiceCall call, DateTimeOffset at, string text, bool beforeAgent, CancellationToken ct) =>
        intake.AcceptAsync(Event(call, "ended", TimelineEventType.CallEnded, at, text) with { EndedBeforeAgent = beforeAgent }, ct);

    public Task<IntakeResult> NoteAsync(VoiceCall call, string key, DateTimeOffset at, string text, CancellationToken ct) =>
        intake.AcceptAsync(Event(call, $"note:{key}", TimelineEventType.Note, at, text), ct);

    /// <summary>
    /// A kept file (recording, transcript) on the timeline, and queued once for the CRM activity of the call's task
    /// (<see cref="OutboxKind.CrmAttach"/>, keyed by the file): a replay after a crash finds both already there.
    /// </summary>
    /// <param name="kind"><c>recording</c> or <c>transcript</c>.</param>
    public async Task AttachedAsync(
        VoiceCall call, string key, string kind, TimelineEventType type, DateTimeOffset at, string text, InboundAttachment attachment, CancellationToken ct)
    {
        await intake.AcceptAsync(Event(call, key, type, at, text) with { Attachments = [attachment] }, ct);
        if (call.TaskId is not { } taskId || call.ConversationId is not { } conversationId
            || await store.GetConversationAsync(conversationId, ct) is not { } conversation)
        {
            return;
        }

        var payload = new CrmAttachPayload(taskId, attachment.Path, kind, attachment.FileName, attachment.ContentType, attachment.SizeBytes);
        await using var tx = await store.BeginAsync(ct);
        await tx.EnqueueOutboxAsync(OutboxMessage.New(
            OutboxKind.CrmAttach, $"{conversationId}:{OutboxKind.CrmAttach}:voice:{call.Id}:{key}", conversation.Conversation.CustomerId, conversationId, null, time.GetUtcNow(),
            JsonSerializer.Serialize(payload, JsonSerializerOptions.Web)), ct);
        await tx.CommitAsync(ct);
    }

    public static string Duration(TimeSpan span) =>
        span < TimeSpan.Zero ? "0s" : span.TotalHours >= 1
            ? span.ToString(@"h\h\ mm\m\ ss\s", CultureInfo.InvariantCulture)
            : span.ToString(@"m\m\ ss\s", CultureInfo.InvariantCulture);

    private static InboundEvent Event(VoiceCall call, string key, TimelineEventType type, DateTimeOffset at, string text) => new(
        $"voice:{call.Id}:{key}", Channel.Voice, type, call.IsOutbound ? Direction.Out : Direction.In, at,
        [new InboundIdentity(Enum.Parse<IdentityKind>(call.IdentityKind), call.IdentityValue)], text, call.TaskRef ?? call.CallConnectionId,
        ConversationId: call.ConversationId);
}
