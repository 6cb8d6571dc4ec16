namespace Connector.Core.Routing.Policy;

public enum RoutingStepKind
{
    /// <summary>Only the customer's preferred or last agent, if online and the preference has not expired.</summary>
    PreferredAgent,
    /// <summary>Agents with every required skill at proficiency ≥ the step's minimum.</summary>
    RequiredSkills,
    /// <summary>Agents with every required skill at any proficiency.</summary>
    RelaxedSkills,
    /// <summary>The overflow queue's agents: eligibility by its first skill step, ignoring this task's skills.</summary>
    OverflowQueue,
    /// <summary>Any agent available on the channel with capacity.</summary>
    AnyAgent,
}
