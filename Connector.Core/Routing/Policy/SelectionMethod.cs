namespace Connector.Core.Routing.Policy;

/// <summary>Which eligible agent gets the offer, per queue.</summary>
public enum SelectionMethod
{
    /// <summary>The agent idle the longest (fairest; the default).</summary>
    LongestIdle,
    /// <summary>The agent with the most free capacity units (spreads load).</summary>
    MostFreeCapacity,
    /// <summary>The agent with the highest proficiency in the task's skills, then longest idle.</summary>
    BestSkillMatch,
}
