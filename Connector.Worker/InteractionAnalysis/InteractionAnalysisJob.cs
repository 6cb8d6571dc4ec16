using System.Text.Json;
using Connector.Core.Outbox;
using Connector.Worker.Outbox;

namespace Connector.Worker.InteractionAnalysis;

/// <summary>
/// The outbox job of an <see cref="IInteractionAnalysis"/> (<see cref="OutboxKind.QaEvaluate"/>,
/// <see cref="OutboxKind.InsightAnalyse"/>): runs it once the task's work ended, off the request that ended it. The row
/// is written with the wrap-up (or by the router when the wrap-up time ran out), so a crash in between loses nothing,
/// and a replay finds the result kept and writes nothing.
/// </summary>
internal sealed class InteractionAnalysisJob<TAnalysis>(TAnalysis analysis) : IOutboxHandler
    where TAnalysis : IInteractionAnalysis
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

        await analysis.RunAsync(conversationId, work ?? throw new InvalidOperationException($"Outbox row {message.Id} carries no work."), ct);
    }
}
