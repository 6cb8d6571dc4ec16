namespace Connector.Core.Routing.Engine;

/// <summary>
/// Waiting work of one queue and channel whose current step asks for the same skills (at any levels) and the
/// same language, or names the same preferred agent; best first. The head is kept at hand: most looks stop there,
/// a few walk on past tasks that need a higher level than the agent has.
/// </summary>
/// <param name="language">Upper case, as <see cref="CriteriaShape.LanguageKey"/>.</param>
internal sealed class WaitingGroup(ulong mask, string? language, TaskOrder order)
{
    private readonly SortedSet<WaitingEntry> _tasks = new(WaitingEntry.Order);
    // The head's key, kept here: a sweep compares many groups' heads with its best so far, and most of those
    // heads are not taken, so reading their keys from here saves a cache miss on each.
    private WaitingEntry _head;

    public ulong Mask { get; } = mask;
    public string? Language { get; } = language;
    public TaskState? Head { get; private set; }
    public int Count => _tasks.Count;
    public IEnumerable<TaskState> Tasks => _tasks.Select(e => e.Task);

    public void Add(TaskState task)
    {
        var entry = new WaitingEntry(task);
        _tasks.Add(entry);
        if (Head is null || WaitingEntry.Order.Compare(entry, _head) < 0)
        {
            _head = entry;
            Head = task;
        }
    }

    public void Remove(TaskState task)
    {
        _tasks.Remove(new WaitingEntry(task));
        if (ReferenceEquals(task, Head))
        {
            _head = _tasks.Count > 0 ? _tasks.Min : default;
            Head = _tasks.Count > 0 ? _head.Task : null;
        }
    }

    /// <summary>Whether the group's head comes before <paramref name="best"/> (or there is no best yet); false when empty.</summary>
    public bool HeadBefore(TaskState? best)
    {
        if (Head is null)
        {
            return false;
        }

        if (best is null)
        {
            return true;
        }

        var byKey = best.OrderKey.CompareTo(_head.OrderKey);
        return byKey != 0 ? byKey < 0 : _head.Sequence < best.Sequence;
    }

    /// <summary>Whether the agent has every skill asked for (at some level) and speaks the language.</summary>
    public bool Admits(AgentState agent) =>
        (agent.SkillMask & Mask) == Mask && (Language is null || agent.Profile.Languages.Contains(Language, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The first task in order that <paramref name="fits"/> the agent and comes before <paramref name="best"/>;
    /// else <paramref name="best"/>.
    /// </summary>
    public TaskState? FirstFitBefore(TaskState? best, AgentState agent, Func<TaskState, AgentState, bool> fits)
    {
        if (!HeadBefore(best))
        {
            return best;
        }

        if (fits(Head!, agent))
        {
            return Head;
        }

        foreach (var (_, _, task) in _tasks)
        {
            if (best is not null && order.Compare(task, best) >= 0)
            {
                return best;
            }

            if (!ReferenceEquals(task, Head) && fits(task, agent))
            {
                return task;
            }
        }

        return best;
    }
}
