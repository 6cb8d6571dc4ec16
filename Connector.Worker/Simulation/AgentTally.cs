using Connector.Core.Channels;

namespace Connector.Worker.Simulation;

/// <summary>
/// One simulated agent's time, integrated over the measured window: how long it held at least one task (of any
/// channel, of each channel), and the capacity units it held. A task is held from its offer to its release, so
/// wrap-up counts as busy.
/// </summary>
internal sealed class AgentTally(string id, AgentGroup group, DateTimeOffset measureFrom, DateTimeOffset measureTo)
{
    private const int Channels = 4;

    private readonly int[] _holding = new int[Channels];
    private readonly double[] _busySecondsOn = new double[Channels];
    private readonly int[] _handled = new int[Channels];
    private int _units;
    private DateTimeOffset _since;

    public string Id { get; } = id;
    public AgentGroup Group { get; } = group;
    public double BusySeconds { get; private set; }
    public double UnitSeconds { get; private set; }

    public double BusySecondsOn(Channel channel) => _busySecondsOn[(int)channel];

    public int HandledOn(Channel channel) => _handled[(int)channel];

    public void CountHandled(Channel channel) => _handled[(int)channel]++;

    public void Hold(Channel channel, DateTimeOffset at)
    {
        AdvanceTo(at);
        _holding[(int)channel]++;
        _units += Group.Capacity.CostOf(channel);
    }

    public void Release(Channel channel, DateTimeOffset at)
    {
        AdvanceTo(at);
        _holding[(int)channel]--;
        _units -= Group.Capacity.CostOf(channel);
    }

    /// <summary>Adds the time since the last change, clipped to the measured window.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        // _since starts at MinValue, before any window: the clipping covers it.
        var from = _since > measureFrom ? _since : measureFrom;
        var to = at < measureTo ? at : measureTo;
        if (to > from)
        {
            var seconds = (to - from).TotalSeconds;
            var any = false;
            for (var c = 0; c < Channels; c++)
            {
                if (_holding[c] > 0)
                {
                    _busySecondsOn[c] += seconds;
                    any = true;
                }
            }

            BusySeconds += any ? seconds : 0;
            UnitSeconds += _units * seconds;
        }

        if (at > _since)
        {
            _since = at;
        }
    }
}
