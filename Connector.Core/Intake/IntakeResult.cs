namespace Connector.Core.Intake;

/// <summary>What intake did with one event.</summary>
public sealed record IntakeResult(
    bool Duplicate,
    Guid CustomerId,
    Guid? ConversationId,
    Guid? TimelineEventId,
    Guid? TaskId,
    bool CustomerCreated,
    IReadOnlyList<Guid> MergedCustomerIds,
    IReadOnlyList<Guid> ConflictingCustomerIds)
{
    public static IntakeResult ForDuplicate() => new(true, Guid.Empty, null, null, null, false, [], []);
}
