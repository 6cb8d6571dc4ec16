using Connector.Core.Crm;

namespace Connector.Crm.Contract;

/// <summary>
/// One CRM adapter's ports, built the way the Worker builds them (its <c>Add{Crm}Connector</c>), pointed at its fake,
/// with <c>GB</c> as the region for phone numbers stored without a country code.
/// </summary>
public sealed record CrmAdapterUnderTest(
    ICrmContactResolver Contacts,
    ICrmActivityWriter Activities,
    ICrmAttachmentWriter Attachments,
    ICrmCaseWriter Cases,
    ICrmInteractionWriter Interactions,
    ICrmScreenPop ScreenPop,
    CrmAdapterDescriptor Descriptor);
