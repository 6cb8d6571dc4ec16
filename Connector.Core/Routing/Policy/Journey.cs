using Connector.Core.Channels;

namespace Connector.Core.Routing.Policy;

/// <summary>A reason customers get in touch (billing, technical…): its channels, queue, skills and priority.</summary>
public sealed record Journey(
    string Name,
    IReadOnlyList<Channel> PreferredChannels,
    string Queue,
    IReadOnlyDictionary<string, int> Skills,
    int Priority,
    string? Language);
