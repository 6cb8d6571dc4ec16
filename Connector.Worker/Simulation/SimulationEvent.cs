using Connector.Core.Channels;

namespace Connector.Worker.Simulation;

/// <summary>One pending event of the simulated world.</summary>
/// <param name="TaskId">The task it concerns; empty for an arrival, which creates one.</param>
internal readonly record struct SimulationEvent(SimulationEventKind Kind, Channel Channel, Guid TaskId);
