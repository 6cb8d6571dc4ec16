using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>A task's live state in the router.</summary>
/// <param name="shape">The skills it needs (its own and its queue's, in the order the explanation names them) and its language.</param>
/// <param name="sharedSteps">Per step of its queue, the criteria shared by its queue and shape (see <see cref="CriteriaShape.StepsIn"/>).</param>
internal sealed class TaskState(WorkItem item, QueueState queue, CriteriaShape shape, StepCriteria?[] sharedSteps, long sequence)
{
    private HashSet<string>? _declined;

    /// <summary>The work as last enqueued; a new one (the customer wrote again) may name another preferred agent.</summary>
    public WorkItem Item
    {
        get;
        set
        {
            field = value;
            PreferredSteps = null;
        }
    } = item;

    public QueueDefinition Queue { get; } = queue.Definition;

    /// <summary>Its queue's routing steps.</summary>
    public RoutingStep[] Steps { get; } = queue.Steps;
    public CriteriaShape Shape { get; } = shape;
    public SkillNeed[] Needs => Shape.Needs;

    /// <summary>Per step of its queue, the criteria once built (a queue without steps has one: any agent); shared, not to be
    /// written with a preferred-agent step's.</summary>
    public StepCriteria?[] SharedSteps { get; } = sharedSteps;

    /// <summary>Its own criteria for the queue's preferred-agent steps (they name its preferred agent), made on first need.</summary>
    public StepCriteria?[]? PreferredSteps { get; set; }
    public long Sequence { get; } = sequence;
    public Guid Id => Item.TaskId;
    public Channel Channel => Item.Channel;

    /// <summary>Queued, offered, assigned or in wrap-up: a completed or abandoned task has left the engine.</summary>
    public RoutingTaskState State { get; set; } = RoutingTaskState.Queued;
    public string? AgentId { get; set; }
    public DateTimeOffset? OfferExpiresAt { get; set; }
    public DateTimeOffset? WrapUpUntil { get; set; }
    public IReadOnlyCollection<string> Declined => (IReadOnlyCollection<string>?)_declined ?? [];
    public int Priority { get; set; } = item.Priority;
    public bool SlaBreached { get; set; }

    /// <summary>No agent wrote to the customer within the channel's first-response target.</summary>
    public bool FirstResponseBreached { get; set; }

    /// <summary>An agent has written to the customer since the task arrived.</summary>
    public bool Responded { get; set; }

    /// <summary>Marked for a look in the next routing cycle.</summary>
    public bool Dirty { get; set; }

    /// <summary>Bumped on every change that invalidates pending timers of this task (through the engine, which mirrors it in <see cref="TaskSlots"/>).</summary>
    public int Version { get; set; }

    /// <summary>Its number in the engine's <see cref="TaskSlots"/>, how timers name it.</summary>
    public int Number { get; set; } = -1;

    /// <summary>The step last reported in a "no agent" decision, so a waiting task does not flood the log.</summary>
    public string? LastWaitingRule { get; set; }

    /// <summary>The start of the task's wait: async channels age from the customer's last message.</summary>
    public DateTimeOffset AgeFrom => Channel.IsAsync() ? Item.CustomerLastMessageAt ?? Item.ArrivedAt : Item.ArrivedAt;

    /// <summary>The time-invariant part of the order score; see <see cref="TaskOrder"/>.</summary>
    public double OrderKey { get; set; }

    /// <summary>
    /// While waiting: the step that applies now (null when no step has anyone online), kept current by the engine
    /// on step time-outs and presence changes; it decides which <see cref="Group"/> the task waits in.
    /// </summary>
    public StepCriteria? Current { get; set; }

    /// <summary>The waiting work of its queue and channel, where it waits whenever it waits.</summary>
    public required WaitingQueue WaitingIn { get; init; }

    /// <summary>The group of its queue's waiting work the task sits in, if any.</summary>
    public WaitingGroup? Group { get; set; }

    /// <summary>Its place in its <see cref="Group"/>'s heap; −1 when in none.</summary>
    public int GroupSlot { get; set; } = -1;

    /// <summary>Its place in its channel's <see cref="WaitingList"/>; −1 when not waiting.</summary>
    public int Slot { get; set; } = -1;

    public void AddDeclined(string agentId) => (_declined ??= []).Add(agentId);

    public void AddDeclined(IEnumerable<string>? agentIds)
    {
        foreach (var agentId in agentIds ?? [])
        {
            AddDeclined(agentId);
        }
    }

    public bool HasDeclined(string agentId) => _declined?.Contains(agentId) ?? false;

    public bool Excludes(string agentId) => Item.ExcludedAgents?.Contains(agentId) ?? false;

    /// <summary>Whether some agent declined or missed it, or is excluded for its customer.</summary>
    public bool BarsSomeone => _declined is { Count: > 0 } || Item.ExcludedAgents is { Count: > 0 };
}
