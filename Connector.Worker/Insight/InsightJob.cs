using System.Text.Json;
using Connector.Core.Outbox;
using Connector.Worker.Outbox;

namespace Connector.Worker.Insight;

/// <summary>
/// <see cref="OutboxKind.InsightAnalyse"/>: analyses a task once its work ended, off the request that ended it. The row
/// is written with the wrap-up (or by the router when the wrap-up time ran out), so a crash in between loses nothing,
/// and a replay finds the analysis kept and writes nothing.
/// </summary>
internal sealed class InsightJob(InsightAnalyses analyses) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var conversationId = message.ConversationId ?? throw new InvalidOperationException($"Outbox row {message.Id} names no conversation.");
        InteractionSyncPayload? work;
        try
        {
            work = JsonSerializer.Deserialize<InteractionSyncPayload>(message.Payload ?? "null", JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Outbox row {message.Id} does not carry finished work: {ex.Message}", ex);
        }

        await analyses.EnsureAsync(conversationId, work ?? throw new InvalidOperationException($"Outbox row {message.Id} carries no work."), ct);
    }
}
