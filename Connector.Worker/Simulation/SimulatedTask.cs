using Connector.Core.Channels;

namespace Connector.Worker.Simulation;

/// <summary>The simulator's record of one customer contact, beside the engine's own state of it.</summary>
/// <param name="Counted">Arrived after the warm-up: it goes into the statistics.</param>
/// <param name="HandleTime">Drawn at arrival, so the customer stream does not depend on how it is routed.</param>
internal sealed class SimulatedTask(Guid id, Channel channel, DateTimeOffset arrivedAt, bool counted, TimeSpan handleTime)
{
    public Guid Id { get; } = id;
    public Channel Channel { get; } = channel;
    public DateTimeOffset ArrivedAt { get; } = arrivedAt;
    public bool Counted { get; } = counted;
    public TimeSpan HandleTime { get; } = handleTime;

    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>The agent whose capacity it takes (offered, assigned or wrapping up); null while it waits.</summary>
    public string? HeldBy { get; set; }
}
