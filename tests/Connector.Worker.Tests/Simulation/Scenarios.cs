using Connector.Core.Channels;
using Connector.Core.Routing.Policy;
using Connector.Worker.Simulation;

namespace Connector.Worker.Tests.Simulation;

/// <summary>Scenarios built in code, for tests that do not need the YAML.</summary>
internal static class Scenarios
{
    /// <summary>Voice 100 units, chat 35 of 100: a call blocks everything, chats share.</summary>
    public static CapacityProfile VoiceAndChat { get; } = new(
        "voice-and-chat",
        100,
        new Dictionary<Channel, int> { [Channel.Voice] = 100, [Channel.Chat] = 35 },
        new Dictionary<Channel, int>(),
        new Dictionary<Channel, IReadOnlySet<Channel>>());

    public static AgentGroup Agents(int count, params Channel[] channels) =>
        new("agents", count, VoiceAndChat, channels, new Dictionary<string, int>(), []);

    public static Scenario Of(double hours, int seed, AgentGroup agents, params ChannelLoad[] channels) =>
        new(hours, WarmupHours: 1, seed, channels, [agents]);
}
