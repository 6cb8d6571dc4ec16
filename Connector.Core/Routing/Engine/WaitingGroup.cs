namespace Connector.Core.Routing.Engine;

/// <summary>
/// Waiting work of one queue and channel whose current step asks for the same skills (at any levels) and the
/// same language, or names the same preferred agent; best first. The head is kept at hand: most looks stop there,
/// a few walk on past tasks that need a higher level than the agent has.
/// </summary>
/// <remarks>
/// A 4-ary min-heap in <see cref="TaskOrder"/>, each task knowing its slot (<see cref="TaskState.GroupSlot"/>), instead
/// of a sorted set: behind a 100k backlog a red-black tree allocated a node per arrival and chased ~17 pointers per
/// insert and remove. Here an arrival, which usually sorts last, stays where it is put, and taking the head sifts down
/// ~8 levels of contiguous entries. The walk past the head visits the heap best-first (see <see cref="FirstFitBefore"/>).
/// </remarks>
/// <param name="language">Upper case, as <see cref="CriteriaShape.LanguageKey"/>.</param>
internal sealed class WaitingGroup(ulong mask, string? language, TaskOrder order)
{
    private const int Arity = 4;

    private WaitingEntry[] _heap = new WaitingEntry[Arity];
    private int _count;
    // The head's key, kept here: a sweep compares many groups' heads with its best so far, and most of those
    // heads are not taken, so reading their keys from here saves a cache miss on each.
    private WaitingEntry _head;
    // Scratch for the best-first walk past the head: heap slots by their entries' order. Made on first need.
    private PriorityQueue<int, WaitingEntry>? _walk;

    public ulong Mask { get; } = mask;
    public string? Language { get; } = language;
    public TaskState? Head => _head.Task;
    public int Count => _count;

    /// <summary>Its tasks, the head first, the others in no particular order.</summary>
    public IEnumerable<TaskState> Tasks => _heap.Take(_count).Select(e => e.Task);

    public void Add(TaskState task)
    {
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        SiftUp(_count++, new WaitingEntry(task));
        _head = _heap[0];
    }

    public void Remove(TaskState task)
    {
        var slot = task.GroupSlot;
        if (slot < 0 || slot >= _count || !ReferenceEquals(_heap[slot].Task, task))
        {
            return;
        }

        task.GroupSlot = -1;
        var last = _heap[--_count];
        _heap[_count] = default;
        if (slot < _count)
        {
            if (slot > 0 && Before(last, _heap[(slot - 1) / Arity]))
            {
                SiftUp(slot, last);
            }
            else
            {
                SiftDown(slot, last);
            }
        }

        _head = _count > 0 ? _heap[0] : default;
    }

    /// <summary>Whether the group's head comes before <paramref name="best"/> (or there is no best yet); false when empty.</summary>
    public bool HeadBefore(TaskState? best)
    {
        if (_head.Task is null)
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
        (agent.SkillMask & Mask) == Mask && (Language is null || agent.Agent.Languages.Contains(Language, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The first task in order that <paramref name="fits"/> the agent and comes before <paramref name="best"/>;
    /// else <paramref name="best"/>.
    /// </summary>
    public TaskState? FirstFitBefore(TaskState? best, AgentState agent, EntryFit fits)
    {
        if (!HeadBefore(best))
        {
            return best;
        }

        if (fits(in _head, agent))
        {
            return _head.Task;
        }

        // In order past the head: a slot's children come after it, so the best not yet visited is always among
        // the children of those visited.
        var walk = _walk ??= new PriorityQueue<int, WaitingEntry>(WaitingEntry.Order);
        walk.Clear();
        EnqueueChildren(walk, 0);
        while (walk.TryDequeue(out var slot, out var entry))
        {
            var task = entry.Task;
            if (best is not null && order.Compare(task, best) >= 0)
            {
                return best;
            }

            if (fits(in entry, agent))
            {
                return task;
            }

            EnqueueChildren(walk, slot);
        }

        return best;
    }

    /// <summary>For checks: every entry comes after its parent, matches its task's key, and its task knows its slot.</summary>
    public bool IsConsistent()
    {
        for (var slot = 0; slot < _count; slot++)
        {
            var entry = _heap[slot];
            if (entry.Task.GroupSlot != slot || entry.OrderKey != entry.Task.OrderKey || (slot > 0 && Before(entry, _heap[(slot - 1) / Arity])))
            {
                return false;
            }
        }

        return _count == 0 ? _head.Task is null : _head == _heap[0];
    }

    private void EnqueueChildren(PriorityQueue<int, WaitingEntry> walk, int slot)
    {
        var end = Math.Min((slot * Arity) + Arity + 1, _count);
        for (var child = (slot * Arity) + 1; child < end; child++)
        {
            walk.Enqueue(child, _heap[child]);
        }
    }

    /// <summary>The <see cref="TaskOrder"/>: highest key first, then the earlier sequence.</summary>
    private static bool Before(in WaitingEntry x, in WaitingEntry y)
    {
        var byKey = y.OrderKey.CompareTo(x.OrderKey);
        return byKey != 0 ? byKey < 0 : x.Sequence < y.Sequence;
    }

    private void SiftUp(int slot, WaitingEntry entry)
    {
        var heap = _heap;
        while (slot > 0)
        {
            var parent = (slot - 1) / Arity;
            if (!Before(entry, heap[parent]))
            {
                break;
            }

            Put(heap, slot, heap[parent]);
            slot = parent;
        }

        Put(heap, slot, entry);
    }

    private void SiftDown(int slot, WaitingEntry entry)
    {
        var heap = _heap;
        var count = _count;
        while (true)
        {
            var first = (slot * Arity) + 1;
            if (first >= count)
            {
                break;
            }

            var best = first;
            var end = Math.Min(first + Arity, count);
            for (var child = first + 1; child < end; child++)
            {
                if (Before(heap[child], heap[best]))
                {
                    best = child;
                }
            }

            if (!Before(heap[best], entry))
            {
                break;
            }

            Put(heap, slot, heap[best]);
            slot = best;
        }

        Put(heap, slot, entry);
    }

    private static void Put(WaitingEntry[] heap, int slot, WaitingEntry entry)
    {
        heap[slot] = entry;
        entry.Task.GroupSlot = slot;
    }
}
