using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Intake;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Replies;

/// <summary>
/// An agent's reply, exactly once. The channel checks it (<see cref="IChannelReplySender.PrepareAsync"/>); then it is
/// recorded under its idempotency key, and intake puts it on the timeline as a pending outbound message together with
/// its <c>reply.send</c> outbox row, in one transaction; then this request sends it (<see cref="ReplyDelivery"/>) and
/// answers 200 as before. If the request cannot (ACS failing for the moment: 202 with the pending entry; the Worker
/// dying), the outbox job sends it after <see cref="RepliesOptions.OutboxDelay"/>, with the same ACS request id. A
/// retry with the same key gets the first answer; the same key with another body is a 409.
/// </summary>
internal sealed class AgentReplySender(
    IConnectorStore store,
    InboundEventIntake intake,
    IEnumerable<IChannelReplySender> senders,
    AgentReplyStore replies,
    ReplyDelivery delivery,
    IOptions<RepliesOptions> options,
    TimeProvider time,
    IEnumerable<IReplyObserver> observers,
    ILogger<AgentReplySender> logger)
{
    private static readonly TimeSpan RetryPoll = TimeSpan.FromMilliseconds(100);

    /// <param name="idempotencyKey">The client's key (already checked by <see cref="ReplyKeys.Problem"/>); null: one made here, so the request is sent once.</param>
    public async Task<ReplyAnswer> SendAsync(Guid conversationId, AgentReply reply, string? idempotencyKey, CancellationToken ct)
    {
        if (!ChannelNames.TryParse(reply.Channel, out var channel))
        {
            throw new ReplyRefusedException(ReplyRefusal.Invalid, "Unknown channel", $"channel must be one of {string.Join(", ", ChannelNames.All)}; got '{reply.Channel}'.");
        }

        if (string.IsNullOrWhiteSpace(reply.AgentId))
        {
            throw new ReplyRefusedException(ReplyRefusal.Invalid, "agentId is required", "Name the agent who sends the message.");
        }

        var id = ReplyKeys.IdOf(conversationId, reply.AgentId, idempotencyKey ?? Guid.NewGuid().ToString());
        var hash = ReplyKeys.HashOf(reply);
        var record = await replies.FindAsync(id, ct);
        var retry = record is not null;
        if (record is null)
        {
            var prepared = await PrepareAsync(conversationId, channel, reply, ct);
            var now = time.GetUtcNow();
            record = new AgentReplyRecord
            {
                Id = id,
                ConversationId = conversationId,
                AgentId = reply.AgentId,
                IdempotencyKey = idempotencyKey ?? id.ToString(),
                RequestHash = hash,
                Channel = channel.ToName(),
                Prepared = JsonSerializer.Serialize(prepared, JsonSerializerOptions.Web),
                FirstSentAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            };
            if (!await replies.TryAddAsync(record, ct))
            {
                // The same key arrived twice at once: the other request recorded it.
                record = (await replies.FindAsync(id, ct))!;
                retry = true;
            }
        }

        if (record.RequestHash != hash)
        {
            throw new ReplyRefusedException(ReplyRefusal.Conflict, $"{ReplyKeys.Header} reused",
                $"{ReplyKeys.Header} '{record.IdempotencyKey}' was first used for another message on this conversation; send a new key for a new message.",
                new { field = ReplyKeys.Header });
        }

        if (record.State != AgentReplyStates.Pending)
        {
            return Stored(record);
        }

        if (retry && record.TimelineEventId is not null)
        {
            // The first request (or the outbox) is sending it: its answer, if it comes soon.
            return await AwaitSettledAsync(record, ct);
        }

        var entry = record.TimelineEventId ?? await RecordAsync(record, reply.Text, ct);
        try
        {
            record = await delivery.DeliverAsync(record.Id, entry, maybeSentBefore: retry, ct);
        }
        catch (Exception ex) when (ex is Acs.AcsRequestFailedException { IsTransient: true } or HttpRequestException
            || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // Recorded and due in the outbox: it goes out when ACS is back.
            logger.LogWarning(ex, "Reply {ReplyId} on conversation {ConversationId} could not be sent now; the outbox sends it", record.Id, conversationId);
        }

        return record.State == AgentReplyStates.Pending ? Pending(record, entry) : Stored(record);
    }

    private async Task TellObserversAsync(AgentReplyRecord record, string text, CancellationToken ct)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.RepliedAsync(record.ConversationId, record.AgentId, text, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The reply is recorded and will be sent; what an observer learns from it is secondary to that.
                logger.LogWarning(ex, "Reply {ReplyId}: {Observer} could not take note of it", record.Id, observer.GetType().Name);
            }
        }
    }

    private async Task<PreparedReply> PrepareAsync(Guid conversationId, Channel channel, AgentReply reply, CancellationToken ct)
    {
        var view = await store.GetConversationAsync(conversationId, ct)
            ?? throw new ReplyRefusedException(ReplyRefusal.NotFound, "Unknown conversation", $"No conversation has the id {conversationId}.");
        var customer = await store.GetCustomerAsync(view.Conversation.CustomerId, ct)
            ?? throw new ReplyRefusedException(ReplyRefusal.NotFound, "Unknown customer", "The conversation's customer no longer exists.");
        var sender = senders.FirstOrDefault(s => s.Channel == channel)
            ?? throw new ReplyRefusedException(ReplyRefusal.Invalid, $"{channel.ToName()} has no messages", "A call is answered with call controls, not messages.");
        if (sender.Unavailable is { } why)
        {
            throw new ReplyRefusedException(ReplyRefusal.Unavailable, "Channel not configured", why);
        }

        return await sender.PrepareAsync(new ChannelReply(view, customer, reply.AgentId!, reply.Text, reply.TemplateName, reply.TemplateParameters, reply.Subject), ct);
    }

    /// <summary>The pending timeline entry and its outbox row, in intake's one transaction; the entry's id.</summary>
    private async Task<Guid> RecordAsync(AgentReplyRecord record, string? text, CancellationToken ct)
    {
        var prepared = JsonSerializer.Deserialize<PreparedReply>(record.Prepared!, JsonSerializerOptions.Web)!;
        var eventId = $"reply:{record.Id}";
        var result = await intake.AcceptAsync(new InboundEvent(
            eventId, ChannelNames.Parse(record.Channel), TimelineEventType.Message, Direction.Out, record.FirstSentAt,
            [new InboundIdentity(prepared.To.Kind, prepared.To.Value)], prepared.Text, ConversationId: record.ConversationId,
            // The bot sends on this path too (Bot/BotTurnHandler): its messages are the bot's on the timeline.
            Author: record.AgentId == Authors.Bot ? Authors.Bot : null,
            Send: new InboundSend(
                OutboxKind.ReplySend, $"{record.ConversationId}:{OutboxKind.ReplySend}:{record.Id}",
                JsonSerializer.Serialize(new ReplySendPayload(record.Id), JsonSerializerOptions.Web),
                time.GetUtcNow() + options.Value.OutboxDelay)), ct);
        // A duplicate: recorded by an earlier request that died before it kept the entry's id.
        var entry = result.TimelineEventId
            ?? (await store.GetConversationAsync(record.ConversationId, ct))?.Timeline.FirstOrDefault(e => e.SourceEventId == eventId)?.Id
            ?? throw new InvalidOperationException($"Reply {record.Id} was recorded but its timeline entry is not found.");
        await replies.SetTimelineEventAsync(record.Id, entry, ct);
        if (result.TimelineEventId is not null && !string.IsNullOrWhiteSpace(text))
        {
            await TellObserversAsync(record, text, ct);
        }

        return entry;
    }

    private async Task<ReplyAnswer> AwaitSettledAsync(AgentReplyRecord record, CancellationToken ct)
    {
        var until = time.GetUtcNow() + options.Value.RetryWait;
        while (record.State == AgentReplyStates.Pending && time.GetUtcNow() < until)
        {
            await Task.Delay(RetryPoll, time, ct);
            record = (await replies.FindAsync(record.Id, ct))!;
        }

        return record.State == AgentReplyStates.Pending ? Pending(record, record.TimelineEventId!.Value) : Stored(record);
    }

    private static ReplyAnswer Stored(AgentReplyRecord record) =>
        new(record.StatusCode ?? 200, record.Response ?? "{}", record.StatusCode is >= 400 ? ReplyAnswer.ProblemJson : ReplyAnswer.Json);

    private static ReplyAnswer Pending(AgentReplyRecord record, Guid entry)
    {
        var prepared = record.Prepared is { } json ? JsonSerializer.Deserialize<PreparedReply>(json, JsonSerializerOptions.Web) : null;
        return new(202, JsonSerializer.Serialize(
            new SentReply(record.Channel, null, entry, prepared?.Template ?? false, prepared?.Subject, DeliveryStatuses.Pending), JsonSerializerOptions.Web), ReplyAnswer.Json);
    }
}
