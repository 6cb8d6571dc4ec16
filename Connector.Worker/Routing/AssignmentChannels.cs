using Connector.Core.Channels;

namespace Connector.Worker.Routing;

/// <summary>
/// The channels that have a part to do when the router assigns their work (an <see cref="ITaskAssignmentHandler"/>:
/// chat joins the agent to the thread, voice connects the call). Only their assignments get a <c>task.assigned</c>
/// outbox row; on WhatsApp and email the agent simply replies, and a row would become a job that does nothing.
/// </summary>
internal sealed class AssignmentChannels(IServiceScopeFactory scopes)
{
    // The handlers are read once, from a scope of their own (the chat one is scoped), only for the channel they name.
    private readonly Lazy<IReadOnlySet<Channel>> _channels = new(() =>
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetServices<ITaskAssignmentHandler>().Select(h => h.Channel).ToHashSet();
    });

    public bool HavePart(Channel channel) => _channels.Value.Contains(channel);
}
