using Hangfire;

namespace Connector.Worker.Outbox;

/// <summary>One row of the outbox dispatch table: a kind, the handler that does its work, and how its job is queued.</summary>
/// <param name="Enqueue">Queues the job that runs the handler for an outbox row id (<see cref="OutboxJob"/>, or a job with retry rules of its own).</param>
/// <param name="RunsAtOnce">
/// The row is run in this process as soon as it is committed (<see cref="OutboxExpressLane"/>); only its retries are
/// queued with <paramref name="Enqueue"/>.
/// </param>
public sealed record OutboxRoute(string Kind, Type Handler, Action<IBackgroundJobClient, long> Enqueue, bool RunsAtOnce = false);
