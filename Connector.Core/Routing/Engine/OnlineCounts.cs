using Connector.Core.Channels;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// Who is online (busy or not) per channel, and per channel and skill the highest level online: enough to tell
/// at once whether a routing step has anyone who could serve it. It also notes the channels where such an
/// answer may have changed, so the engine re-checks only the waiting work of those channels.
/// </summary>
internal sealed class OnlineCounts
{
    private const int Channels = 4;
    private const int Levels = 11;

    private readonly int[] _byChannel = new int[Channels];
    // Per channel, per skill id: agents online by level 1–10 (levels outside are clamped), and the highest one.
    private readonly int[]?[][] _byLevel = [[], [], [], []];
    private readonly int[][] _max = [[], [], [], []];
    private int _changed;

    public int OnlineCount(Channel channel) => _byChannel[(int)channel];

    /// <summary>Whether someone online for the channel has the skill at <paramref name="level"/> or more.</summary>
    public bool AnyoneWith(Channel channel, int skillId, int level)
    {
        var max = _max[(int)channel];
        return skillId < max.Length && max[skillId] > 0 && max[skillId] >= Math.Clamp(level, 1, 10);
    }

    /// <summary>Counts the agent in (+1) or out (−1) on each channel they are online for.</summary>
    public void Count(AgentState agent, int delta)
    {
        foreach (var channel in agent.Available)
        {
            var c = (int)channel;
            _byChannel[c] += delta;
            if (_byChannel[c] == 0 || (delta > 0 && _byChannel[c] == delta))
            {
                _changed |= 1 << c;
            }

            foreach (var skill in agent.Skills)
            {
                if (Count(c, skill.Id, Math.Clamp(skill.Level, 1, 10), delta))
                {
                    _changed |= 1 << c;
                }
            }
        }
    }

    /// <summary>The channels (bit per channel) whose answers may have changed since the last call; resets them.</summary>
    public int TakeChanged()
    {
        var changed = _changed;
        _changed = 0;
        return changed;
    }

    // True when the highest level online changed.
    private bool Count(int channel, int skillId, int level, int delta)
    {
        if (skillId >= _max[channel].Length)
        {
            var size = Math.Max(skillId + 1, _max[channel].Length * 2);
            Array.Resize(ref _byLevel[channel], size);
            Array.Resize(ref _max[channel], size);
        }

        var levels = _byLevel[channel][skillId] ??= new int[Levels];
        levels[level] += delta;
        var max = _max[channel][skillId];
        if (delta > 0 && level > max)
        {
            _max[channel][skillId] = level;
            return true;
        }

        if (levels[level] == 0 && level == max)
        {
            var below = level - 1;
            while (below > 0 && levels[below] == 0)
            {
                below--;
            }

            _max[channel][skillId] = below;
            return true;
        }

        return false;
    }
}
