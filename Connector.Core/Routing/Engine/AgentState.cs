using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>An agent's live state: availability, the work they hold and the capacity it uses.</summary>
internal sealed class AgentState(AgentProfile profile, CapacityProfile capacity, long sequence, DateTimeOffset now)
{
    private const int Channels = 4;

    public AgentProfile Profile { get; set; } = profile;
    public CapacityProfile Capacity { get; set; } = capacity;
    public long Sequence { get; } = sequence;
    public string Id => Profile.Id;

    /// <summary>Channels the agent is online for (online for voice, away for email is fine).</summary>
    public HashSet<Channel> Available { get; } = [];
    public DateTimeOffset? OfflineSince { get; set; } = now;
    /// <summary>The tasks held (offered, assigned, wrapping up), each with the units it took when it came.</summary>
    public Dictionary<Guid, int> Holding { get; } = [];
    public int UsedUnits { get; private set; }
    public DateTimeOffset IdleSince { get; set; } = now;
    public int MissedInARow { get; set; }
    public int OfflineVersion { get; set; }

    /// <summary>Marked for a sweep of the backlog in the next routing cycle.</summary>
    public bool Dirty { get; set; }

    /// <summary>The sorted sets this agent sits in, so it can leave them before its keys change.</summary>
    public List<SortedSet<AgentState>> Memberships { get; } = [];

    private readonly int[] _count = new int[Channels];
    private readonly int[] _units = new int[Channels];

    public int FreeUnits => Capacity.Total - UsedUnits;

    public int CountOn(Channel channel) => _count[(int)channel];

    public bool IsOnline(Channel channel) => Available.Contains(channel);

    /// <summary>
    /// Whether one more task of <paramref name="channel"/> fits: online for it, a cost defined, under the
    /// channel's maximum (voice is one at a time), and enough units once work it may interrupt is set aside.
    /// </summary>
    public bool HasRoomFor(Channel channel)
    {
        if (!Available.Contains(channel) || !Capacity.Cost.TryGetValue(channel, out var cost))
        {
            return false;
        }

        var max = Capacity.MaxPerChannel.TryGetValue(channel, out var m) ? m : channel == Channel.Voice ? 1 : int.MaxValue;
        if (_count[(int)channel] >= max)
        {
            return false;
        }

        // Nothing interrupts a call in progress.
        if (channel != Channel.Voice && _count[(int)Channel.Voice] > 0)
        {
            return false;
        }

        var used = UsedUnits;
        if (Capacity.MayInterrupt.TryGetValue(channel, out var interruptible))
        {
            foreach (var other in interruptible)
            {
                used -= _units[(int)other];
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

    /// <summary>Gives back what the task took, even if the agent's profile has changed since.</summary>
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
