namespace Connector.Core.Crm;

/// <summary>
/// Opens a record in an agent's CRM user interface, asked by the server rather than by the panel
/// (<see cref="CrmCapabilities.ScreenPop"/>). Best effort for one moment: the Worker calls it once the agent has
/// accepted, never on the accept's path, and does not retry it long after.
/// </summary>
public interface ICrmScreenPop
{
    /// <param name="agentCrmUserId">The agent's user in the CRM (their CRM user mapping).</param>
    /// <param name="record">The conversation's case or ticket (or the contact, for a CRM without cases).</param>
    Task ShowAsync(string agentCrmUserId, CrmRecord record, CancellationToken ct);
}
