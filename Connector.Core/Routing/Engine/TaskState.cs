using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>A task's live state in the router.</summary>
internal sealed class TaskState(WorkItem item, QueueDefinition queue, IReadOnlyDictionary<string, int> skills, long sequence)
{
    public WorkItem Item { get; set; } = item;
    public QueueDefinition Queue { get; } = queue;
    public IReadOnlyDictionary<string, int> Skills { get; } = skills;
    public long Sequence { get; } = sequence;
    public Guid Id => Item.TaskId;
    public Channel Channel => Item.Channel;

    public TaskPhase Phase { get; set; } = TaskPhase.Waiting;
    public string? AgentId { get; set; }
    public DateTimeOffset? OfferExpiresAt { get; set; }
    public DateTimeOffset? WrapUpUntil { get; set; }
    public HashSet<string> Declined { get; } = [];
    public int Priority { get; set; } = item.Priority;
    public bool SlaBreached { get; set; }

    /// <summary>Marked for a look in the next routing cycle.</summary>
    public bool Dirty { get; set; }

    /// <summary>Bumped on every change that invalidates pending timers of this task.</summary>
    public int Version { get; set; }

    /// <summary>The step last reported in a "no agent" decision, so a waiting task does not flood the log.</summary>
    public string? LastWaitingRule { get; set; }

    /// <summary>The start of the task's wait: async channels age from the customer's last message.</summary>
    public DateTimeOffset AgeFrom => Channel.IsAsync() ? Item.CustomerLastMessageAt ?? Item.ArrivedAt : Item.ArrivedAt;

    /// <summary>The time-invariant part of the order score; see <see cref="TaskOrder"/>.</summary>
    public double OrderKey { get; set; }
}
