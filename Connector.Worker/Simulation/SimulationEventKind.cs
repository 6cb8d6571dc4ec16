namespace Connector.Worker.Simulation;

/// <summary>What the simulated world does; the router's own time-outs are the engine's business.</summary>
internal enum SimulationEventKind
{
    /// <summary>A customer arrives on the event's channel.</summary>
    Arrival,
    /// <summary>The customer side of an assigned task is over: the agent completes it.</summary>
    HandlingEnds,
    /// <summary>The customer gives up if nobody has answered yet.</summary>
    PatienceRunsOut,
}
