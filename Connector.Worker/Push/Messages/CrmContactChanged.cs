namespace Connector.Worker.Push.Messages;

/// <summary>
/// The customer's CRM contact is known (<see cref="Contact"/>: the panel screen-pops it), or several records match and
/// wait for the agent's pick (<see cref="Candidates"/>, Contact null).
/// </summary>
public sealed record CrmContactChanged(Guid CustomerId, string Crm, CrmRecordLink? Contact, IReadOnlyList<CrmCandidateLink> Candidates);
