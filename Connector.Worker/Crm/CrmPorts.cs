using Connector.Core.Crm;

namespace Connector.Worker.Crm;

/// <summary>
/// The configured adapter's ports. Its descriptor is the one statement of what it can do: the required ports are
/// always there, and each optional port is used exactly when the descriptor declares its capability
/// (<see cref="CrmCapabilities.Cases"/>: <see cref="ICrmCaseWriter"/>; <see cref="CrmCapabilities.Batch"/>:
/// <see cref="ICrmInteractionWriter"/>; <see cref="CrmCapabilities.ScreenPop"/>: <see cref="ICrmScreenPop"/>). A capability without a port (<see cref="CrmCapabilities.BinaryAttachments"/>)
/// only widens what a port is given.
/// </summary>
internal sealed record CrmPorts(
    CrmAdapterDescriptor Descriptor,
    ICrmContactResolver Contacts,
    ICrmActivityWriter Activities,
    ICrmAttachmentWriter Attachments,
    ICrmCaseWriter? Cases,
    ICrmInteractionWriter? Interactions,
    ICrmScreenPop? ScreenPop = null)
{
    /// <summary>Each port and the capability that calls for it (<see cref="CrmCapabilities.None"/>: every adapter's).</summary>
    private static readonly (Type Port, CrmCapabilities Capability)[] Needed =
    [
        (typeof(ICrmContactResolver), CrmCapabilities.None),
        (typeof(ICrmActivityWriter), CrmCapabilities.None),
        (typeof(ICrmAttachmentWriter), CrmCapabilities.None),
        (typeof(ICrmCaseWriter), CrmCapabilities.Cases),
        (typeof(ICrmInteractionWriter), CrmCapabilities.Batch),
        (typeof(ICrmScreenPop), CrmCapabilities.ScreenPop),
    ];

    public string Crm => Descriptor.Crm;

    public bool WritesCases => Cases is not null;

    /// <summary>One round trip for the whole interaction (Salesforce Composite, Dataverse $batch…).</summary>
    public bool Batches => Interactions is not null;

    public static CrmPorts From(IServiceProvider services)
    {
        var descriptor = services.GetRequiredService<CrmAdapterDescriptor>();
        return new(
            descriptor,
            services.GetRequiredService<ICrmContactResolver>(),
            services.GetRequiredService<ICrmActivityWriter>(),
            services.GetRequiredService<ICrmAttachmentWriter>(),
            Declared<ICrmCaseWriter>(services, descriptor),
            Declared<ICrmInteractionWriter>(services, descriptor),
            Declared<ICrmScreenPop>(services, descriptor));
    }

    /// <summary>The ports an adapter with these capabilities needs that it did not register (checked when the Worker is composed).</summary>
    public static IReadOnlyList<Type> Unregistered(IServiceCollection services, CrmAdapterDescriptor descriptor) =>
        Needed.Where(n => descriptor.Can(n.Capability) && !services.Any(s => s.ServiceType == n.Port)).Select(n => n.Port).ToList();

    private static T? Declared<T>(IServiceProvider services, CrmAdapterDescriptor descriptor)
        where T : class =>
        descriptor.Can(Needed.Single(n => n.Port == typeof(T)).Capability) ? services.GetRequiredService<T>() : null;
}
