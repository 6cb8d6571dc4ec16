using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;

namespace Connector.Benchmarks;

/// <summary>
/// Seeded agents and work: 20 skills; each agent 3–6 skills at proficiency 1–10, online on 2–4 channels, standard
/// capacity; each task on one of the 4 channels (uniform) needing 0–2 skills at proficiency 1–3 (low, because with
/// the clock stopped no step relaxes: demanding tasks would pile up at the head of the queue for good).
/// </summary>
public sealed class Workload(int seed)
{
    public const int SkillCount = 20;

    private static readonly string[] Skills = [.. Enumerable.Range(0, SkillCount).Select(i => $"skill{i:00}")];
    private static readonly Channel[] Channels = Enum.GetValues<Channel>();
    private static readonly string[] Languages = ["en"];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    public Agent NewAgent(int index)
    {
        var skills = new Dictionary<string, int>();
        var count = _random.Next(3, 7);
        while (skills.Count < count)
        {
            skills.TryAdd(Skills[_random.Next(SkillCount)], _random.Next(1, 11));
        }

        return new Agent($"agent-{index:00000}", $"Agent {index}", CapacityProfile.Standard.Name, skills, Languages);
    }

    public IReadOnlyCollection<Channel> NewAvailability()
    {
        var channels = Channels.ToList();
        var count = _random.Next(2, 5);
        while (channels.Count > count)
        {
            channels.RemoveAt(_random.Next(channels.Count));
        }

        return channels;
    }

    public WorkItem NewTask(DateTimeOffset now)
    {
        var channel = Channels[_random.Next(Channels.Length)];
        var skills = new Dictionary<string, int>();
        var count = _random.Next(0, 3);
        while (skills.Count < count)
        {
            skills.TryAdd(Skills[_random.Next(SkillCount)], _random.Next(1, 4));
        }

        return new WorkItem(NewGuid(), channel, channel.ToName(), 0, skills, null, NewGuid(), now);
    }

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
