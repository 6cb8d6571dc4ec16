
namespace Connector.Core.Channels;

/// <summary>
/// The channel's part of an assignment: on chat the agent joins the customer's thread; on voice the agent is
/// connected to the call. Runs from a Hangfire job at least once per assignment, so it must be idempotent.
/// </summary>
public interface ITaskAssignmentHandler
{
    Channel Channel { get; }

    Task HandleAsync(TaskAssignment assignment, CancellationToken ct);
}
