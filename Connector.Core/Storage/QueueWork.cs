using Connector.Core.Channels;

namespace Connector.Core.Storage;

/// <summary>
/// What the store counts for the supervisors' queue board, per queue (or, for tasks the router has not placed yet,
/// journey), channel and state of the SLA, so that no request reads the open tasks one by one.
/// </summary>
/// <param name="Waiting">Queued or offered.</param>
/// <param name="OldestWaitingSince">When the oldest of those arrived.</param>
/// <param name="Assigned">Assigned or in wrap-up.</param>
/// <param name="BreachedWaiting">Waiting, and breached or waiting past the channel's target.</param>
/// <param name="RecentSettled">Arrived in the window, and answered or known to be late.</param>
/// <param name="RecentInTime">Arrived in the window and answered with no breach.</param>
public sealed record QueueWork(
    string? Queue,
    string? Journey,
    Channel Channel,
    int Waiting,
    DateTimeOffset? OldestWaitingSince,
    int Offered,
    int Assigned,
    int BreachedWaiting,
    int RecentSettled,
    int RecentInTime);
