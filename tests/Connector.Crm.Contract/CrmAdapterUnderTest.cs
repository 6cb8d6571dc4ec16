using Connector.Core.Crm;

namespace Connector.Crm.Contract;

/// <summary>
/// One CRM adapter's ports, built the way the Worker builds them (its <c>Add{Crm}Adapter</c> after the Worker's own
/// sections, with <see cref="CrmAdapterContractTests.WorkerSettings"/>), pointed at its fake.
/// </summary>
public sealed record CrmAdapterUnderTest(
    ICrmContactResolver Contacts,
    ICrmActivityWriter Activities,
    ICrmAttachmentWriter Attachments,
    ICrmCaseWriter Cases,
    ICrmInteractionWriter Interactions,
    CrmAdapterDescriptor Descriptor);
