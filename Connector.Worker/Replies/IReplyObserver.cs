namespace Connector.Worker.Replies;

/// <summary>
/// Told of each agent reply once it is recorded (once per reply, whatever the retries), for rooms that learn from what
/// agents send (assist records a used suggestion). It runs after the reply is safely recorded: a failure here is logged
/// and never fails the reply.
/// </summary>
internal interface IReplyObserver
{
    Task RepliedAsync(Guid conversationId, string agentId, string text, CancellationToken ct);
}
