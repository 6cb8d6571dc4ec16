using Connector.Core.Crm;

namespace Connector.Dynamics.Batch;

/// <summary>How one change set ended: the records it wrote by idempotency key, or why it failed.</summary>
internal sealed record DynamicsSetOutcome(IReadOnlyDictionary<string, CrmRecord> Written, CrmRequestFailedException? Failure)
{
    public bool IsSuccess => Failure is null;
}
