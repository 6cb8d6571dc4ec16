using Connector.Core.Channels;

namespace Connector.Core.Routing.Policy;

/// <summary>
/// How much work an agent can hold at once, in units: each channel's task costs <see cref="Cost"/> units of
/// <see cref="Total"/>. Voice at 100 of 100 blocks everything; chat 35 + chat 35 + WhatsApp 25 fit together.
/// </summary>
/// <param name="MaxPerChannel">Optional cap on simultaneous tasks of one channel, whatever the units say.</param>
/// <param name="MayInterrupt">Channel → the channels whose work it may interrupt: their units do not count
/// against it (e.g. voice may interrupt email, so an agent busy on emails can still take a call).</param>
public sealed record CapacityProfile(
    string Name,
    int Total,
    IReadOnlyDictionary<Channel, int> Cost,
    IReadOnlyDictionary<Channel, int> MaxPerChannel,
    IReadOnlyDictionary<Channel, IReadOnlySet<Channel>> MayInterrupt)
{
    public int CostOf(Channel channel) => Cost.TryGetValue(channel, out var cost) ? cost : Total + 1;

    /// <summary>voice 100, chat 35, WhatsApp 25, email 10 of 100; nothing interrupts (a charter says what may, as the sample's does).</summary>
    public static CapacityProfile Standard { get; } = new(
        "standard",
        100,
        new Dictionary<Channel, int> { [Channel.Voice] = 100, [Channel.Chat] = 35, [Channel.WhatsApp] = 25, [Channel.Email] = 10 },
        new Dictionary<Channel, int>(),
        new Dictionary<Channel, IReadOnlySet<Channel>>());
}
