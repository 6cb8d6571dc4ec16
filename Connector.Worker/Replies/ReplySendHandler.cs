using System.Text.Json;
using Connector.Core.Outbox;
using Connector.Worker.Outbox;

namespace Connector.Worker.Replies;

/// <summary>
/// <c>reply.send</c>: sends a recorded reply the request did not (its Worker died after the commit, or ACS failed for
/// the moment). A reply already settled is left alone; a transient failure throws, so the outbox job tries again.
/// </summary>
internal sealed class ReplySendHandler(ReplyDelivery delivery) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<ReplySendPayload>(message.Payload ?? "null", JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Outbox row {message.Id} ({message.Kind}) has no payload.");
        var entry = message.SubjectId ?? throw new InvalidOperationException($"Outbox row {message.Id} ({message.Kind}) names no timeline entry.");
        await delivery.DeliverAsync(payload.ReplyId, entry, maybeSentBefore: true, ct);
    }
}

/// <summary>The payload of a <c>reply.send</c> row: the reply's id in <c>agent_replies</c>.</summary>
internal sealed record ReplySendPayload(Guid ReplyId);
