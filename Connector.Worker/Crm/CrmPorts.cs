using Connector.Core.Crm;

namespace Connector.Worker.Crm;

/// <summary>The configured adapter's ports: the required ones, and the optional ones its capabilities advertise.</summary>
internal sealed record CrmPorts(
    CrmAdapterDescriptor Descriptor,
    ICrmContactResolver Contacts,
    ICrmActivityWriter Activities,
    ICrmCaseWriter? Cases,
    ICrmAttachmentWriter? Attachments,
    ICrmInteractionWriter? Interactions)
{
    public string Crm => Descriptor.Crm;

    public bool WritesCases => Cases is not null && Descriptor.Can(CrmCapabilities.Cases);

    /// <summary>One round trip for the whole interaction (Salesforce Composite, Dataverse $batch…).</summary>
    public bool Batches => Interactions is not null && Descriptor.Can(CrmCapabilities.Batch);

    public static CrmPorts From(IServiceProvider services) => new(
        services.GetRequiredService<CrmAdapterDescriptor>(),
        services.GetRequiredService<ICrmContactResolver>(),
        services.GetRequiredService<ICrmActivityWriter>(),
        services.GetService<ICrmCaseWriter>(),
        services.GetService<ICrmAttachmentWriter>(),
        services.GetService<ICrmInteractionWriter>());
}
