using Connector.Core.Channels;

namespace Connector.Worker.Api;

/// <summary>One queue of <c>GET /api/queues</c>: its figures per channel and its agents.</summary>
public sealed record QueueResponse(string Queue, IReadOnlyList<QueueChannelResponse> Channels, QueueAgentsResponse Agents);

/// <param name="Waiting">Tasks no agent has taken yet: queued, or offered and not yet accepted.</param>
/// <param name="OldestWaitSeconds">How long the oldest of them has waited since it arrived (the answer target's clock); null when none waits.</param>
/// <param name="Offered">Of the waiting, those offered to an agent now.</param>
/// <param name="Assigned">Tasks an agent holds: taken, or in wrap-up.</param>
/// <param name="SlaTargetSeconds">The channel's <c>answerWithin</c>; null when it has none.</param>
/// <param name="SlaAttainment">
/// Of the tasks that arrived in the last hour and were answered or are known to be late, the share answered within the
/// target (0–1); null without a target or without such tasks.
/// </param>
/// <param name="BreachedWaiting">Of the waiting, those already past the target.</param>
public sealed record QueueChannelResponse(
    Channel Channel,
    int Waiting,
    long? OldestWaitSeconds,
    int Offered,
    int Assigned,
    long? SlaTargetSeconds,
    double? SlaAttainment,
    int BreachedWaiting);

/// <param name="Online">Agents who serve the queue (its skills) and are online for any channel.</param>
/// <param name="Busy">Of those, the ones holding work (taken or in wrap-up), in this queue or another.</param>
public sealed record QueueAgentsResponse(int Online, int Busy);
