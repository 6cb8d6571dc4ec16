using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Storage;
using Connector.Worker.Acs;

namespace Connector.Worker.Replies;

/// <summary>
/// Sends a recorded reply through its channel and settles it: sent (the entry gets the message id, the channel follows
/// it further, the first-response clock stops) or failed for good (the entry shows it and the agents are told why).
/// The request runs it right after recording, the <c>reply.send</c> outbox job whenever the request could not; every
/// run of one reply carries the same <see cref="ReplyAttempt"/>, so the channel makes one message of them, and only the
/// first settlement has effects.
/// </summary>
internal sealed class ReplyDelivery(
    AgentReplyStore replies,
    IEnumerable<IChannelReplySender> senders,
    IRoutingStore routing,
    TimeProvider time,
    ILogger<ReplyDelivery> logger)
{
    /// <summary>The reply after this run: settled, or still pending when it was settled by nobody (never the case without an exception).</summary>
    /// <exception cref="AcsRequestFailedException">A transient refusal (throttled, unavailable): the reply stays pending for the outbox.</exception>
    public async Task<AgentReplyRecord> DeliverAsync(Guid replyId, Guid timelineEventId, bool maybeSentBefore, CancellationToken ct)
    {
        var record = await replies.FindAsync(replyId, ct)
            ?? throw new InvalidOperationException($"Reply {replyId} is not recorded.");
        if (record.State != AgentReplyStates.Pending || record.Prepared is null)
        {
            return record;
        }

        var prepared = JsonSerializer.Deserialize<PreparedReply>(record.Prepared, JsonSerializerOptions.Web)!;
        var channel = ChannelNames.Parse(record.Channel);
        var sender = senders.First(s => s.Channel == channel);
        string messageId;
        try
        {
            messageId = await sender.SendAsync(prepared, new ReplyAttempt(record.Id, record.FirstSentAt, maybeSentBefore), ct);
        }
        catch (AcsRequestFailedException ex) when (!ex.IsTransient)
        {
            var problem = JsonSerializer.Serialize(new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.6.3",
                title = "ACS refused the message",
                status = 502,
                detail = ex.Message,
                timelineEventId,
            }, JsonSerializerOptions.Web);
            if (await replies.SettleFailedAsync(record.Id, timelineEventId, ex.Message, 502, problem, time.GetUtcNow(), ct))
            {
                logger.LogWarning("Reply {ReplyId} on conversation {ConversationId} failed: ACS refused it ({Status} {Code})", record.Id, record.ConversationId, (int)ex.StatusCode, ex.ErrorCode);
            }

            return (await replies.FindAsync(replyId, ct))!;
        }

        var answer = JsonSerializer.Serialize(new SentReply(channel.ToName(), messageId, timelineEventId, prepared.Template, prepared.Subject), JsonSerializerOptions.Web);
        if (await replies.SettleSentAsync(record.Id, timelineEventId, messageId, 200, answer, time.GetUtcNow(), ct))
        {
            // Once per reply: only the run that settled it tells the channel and stops the first-response clock.
            await sender.RecordedAsync(new ChannelReceipt(prepared.To, messageId, prepared.Text, prepared.Template, prepared.Subject), timelineEventId, ct);
            await routing.RecordFirstResponseAsync(record.ConversationId, record.AgentId, record.FirstSentAt, ct);
        }

        return (await replies.FindAsync(replyId, ct))!;
    }
}
