using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>An agent's live state: availability, the work they hold and the capacity it uses.</summary>
internal sealed class AgentState
{
    private const int Channels = 4;

    public AgentState(Agent agent, CapacityProfile capacity, SkillCatalog catalog, long sequence, int number, DateTimeOffset now)
    {
        Sequence = sequence;
        Number = number;
        OfflineSince = now;
        IdleSince = now;
        SetAgent(agent, capacity, catalog);
    }

    /// <summary>The agent as the engine was last told it (its <see cref="Routing.Agent.Channels"/> are not read: see <see cref="Available"/>).</summary>
    public Agent Agent { get; private set; } = null!;
    public CapacityProfile Capacity { get; private set; } = null!;
    public long Sequence { get; }

    /// <summary>0, 1, 2… in the order agents became known: how timers name the agent.</summary>
    public int Number { get; }
    public string Id => Agent.Id;

    /// <summary>The agent's skills as interned ids, in the agent's order.</summary>
    public SkillNeed[] Skills { get; private set; } = [];

    /// <summary>The skills' bits (see <see cref="SkillCatalog"/>): a task whose mask is not inside it is not for this agent.</summary>
    public ulong SkillMask { get; private set; }

    // Level by skill id; int.MinValue where the agent lacks the skill (a level 0 skill is still a skill held).
    private int[] _levels = [];

    /// <summary>Channels the agent is online for (online for voice, away for email is fine); change it with <see cref="SetAvailable"/>.</summary>
    public IReadOnlyCollection<Channel> Available => _available;

    private readonly HashSet<Channel> _available = [];
    // The same as a bit per channel, and the capacity profile per channel as arrays: HasRoomFor is asked at every
    // step of a decision, so it reads no dictionary.
    private int _availableMask;
    private readonly int[] _cost = new int[Channels];
    private readonly int[] _max = new int[Channels];
    private readonly int[] _interruptible = new int[Channels];
    public DateTimeOffset? OfflineSince { get; set; }
    /// <summary>The tasks held (offered, assigned, wrapping up), each with the units it took when it came.</summary>
    public Dictionary<Guid, int> Holding { get; } = [];
    public int UsedUnits { get; private set; }
    public DateTimeOffset IdleSince { get; set; }
    public int MissedInARow { get; set; }
    public int OfflineVersion { get; set; }

    /// <summary>Marked for a sweep of the backlog in the next routing cycle.</summary>
    public bool Dirty { get; set; }

    /// <summary>The buckets this agent sits in, each with the entry it went in with, so it can leave them before its keys change.</summary>
    public List<(AgentBucket Bucket, AgentBucket.Entry Entry)> Memberships { get; } = [];

    private readonly int[] _count = new int[Channels];
    private readonly int[] _units = new int[Channels];

    public int FreeUnits => Capacity.Total - UsedUnits;

    /// <summary>Call only while the agent is out of the index (see <see cref="AgentIndex.Leave"/>).</summary>
    public void SetAgent(Agent agent, CapacityProfile capacity, SkillCatalog catalog)
    {
        Agent = agent;
        Capacity = capacity;
        foreach (var channel in Enum.GetValues<Channel>())
        {
            var c = (int)channel;
            _cost[c] = capacity.Cost.TryGetValue(channel, out var cost) ? cost : int.MinValue;
            _max[c] = capacity.MaxPerChannel.TryGetValue(channel, out var max) ? max : channel == Channel.Voice ? 1 : int.MaxValue;
            _interruptible[c] = 0;
            if (capacity.MayInterrupt.TryGetValue(channel, out var interruptible))
            {
                foreach (var other in interruptible)
                {
                    _interruptible[c] |= 1 << (int)other;
                }
            }
        }

        Skills = catalog.Needs(agent.Skills);
        SkillMask = SkillCatalog.MaskOf(Skills);
        _levels = new int[catalog.Count];
        Array.Fill(_levels, int.MinValue);
        foreach (var skill in Skills)
        {
            _levels[skill.Id] = skill.Level;
        }
    }

    /// <summary>Whether the agent has the skill at all (whatever the level).</summary>
    public bool Has(int skillId, out int level)
    {
        level = skillId < _levels.Length ? _levels[skillId] : int.MinValue;
        if (level == int.MinValue)
        {
            level = 0;
            return false;
        }

        return true;
    }

    /// <summary>The agent's level in the skill; 0 when they lack it.</summary>
    public int LevelOf(int skillId)
    {
        Has(skillId, out var level);
        return level;
    }

    public int CountOn(Channel channel) => _count[(int)channel];

    public bool IsOnline(Channel channel) => (_availableMask & (1 << (int)channel)) != 0;

    /// <summary>Online for some channel: <see cref="Available"/> is not empty.</summary>
    public bool IsOnlineAnywhere => _availableMask != 0;

    public void SetAvailable(IEnumerable<Channel> channels)
    {
        _available.Clear();
        _available.UnionWith(channels);
        _availableMask = 0;
        foreach (var channel in _available)
        {
            _availableMask |= 1 << (int)channel;
        }
    }

    /// <summary>
    /// Whether one more task of <paramref name="channel"/> fits: online for it, a cost defined, under the
    /// channel's maximum (voice is one at a time), and enough units once work it may interrupt is set aside.
    /// </summary>
    public bool HasRoomFor(Channel channel)
    {
        var c = (int)channel;
        var cost = _cost[c];
        if ((_availableMask & (1 << c)) == 0 || cost == int.MinValue || _count[c] >= _max[c])
        {
            return false;
        }

        // Nothing interrupts a call in progress.
        if (channel != Channel.Voice && _count[(int)Channel.Voice] > 0)
        {
            return false;
        }

        var used = UsedUnits;
        for (int other = 0, mask = _interruptible[c]; mask != 0; other++, mask >>= 1)
        {
            if ((mask & 1) != 0)
            {
                used -= _units[other];
            }
        }

        return used + cost <= Capacity.Total;
    }

    public void Hold(Guid taskId, Channel channel)
    {
        var cost = Capacity.CostOf(channel);
        if (Holding.TryAdd(taskId, cost))
        {
            _count[(int)channel]++;
            _units[(int)channel] += cost;
            UsedUnits += cost;
        }
    }

    /// <summary>Gives back what the task took, even if the agent's capacity profile has changed since.</summary>
    public void Release(Guid taskId, Channel channel)
    {
        if (Holding.Remove(taskId, out var cost))
        {
            _count[(int)channel]--;
            _units[(int)channel] -= cost;
            UsedUnits -= cost;
        }
    }
}
