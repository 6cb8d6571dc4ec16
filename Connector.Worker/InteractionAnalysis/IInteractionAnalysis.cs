using Connector.Core.Outbox;

namespace Connector.Worker.InteractionAnalysis;

/// <summary>
/// Something worked out once per finished task from its part of the conversation (its insight, its QA scores): run by
/// the outbox job written with the wrap-up, and asked again by the CRM sync, so it keeps what it found and a second run
/// finds the first's.
/// </summary>
internal interface IInteractionAnalysis
{
    Task RunAsync(Guid conversationId, InteractionSyncPayload work, CancellationToken ct);
}
