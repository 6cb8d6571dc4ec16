using Connector.Core.Outbox;

namespace Connector.Worker.Storage;

/// <summary>What <see cref="SqlCrmSyncStore.LinkContactAsync"/> did, and the customer's contact link as it now stands.</summary>
internal sealed record ContactLinkResult(ContactLinkOutcome Outcome, CrmLink Stored);

internal enum ContactLinkOutcome
{
    /// <summary>Linked, and the record became the customer's CRM record.</summary>
    Linked,

    /// <summary>Linked, but the customer already had another record of this CRM or the record is another customer's (the sync's case, logged).</summary>
    LinkedWithoutRef,

    /// <summary>Nothing written: the customer was already linked to this same record.</summary>
    AlreadyThis,

    /// <summary>Nothing written: the customer is linked to another record (<see cref="ContactLinkResult.Stored"/>).</summary>
    AlreadyAnother,

    /// <summary>Nothing written (an exclusive link): the customer has another record of this CRM, or the record is another customer's.</summary>
    RefTaken,
}
