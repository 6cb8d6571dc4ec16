namespace Connector.Core.Routing.Engine;

public enum TaskPhase
{
    Waiting,
    Offered,
    Assigned,
    WrapUp,
}
