using Connector.Worker.WhatsApp;

namespace Connector.Worker.Acs;

/// <summary>Configuration section <c>Acs:WhatsApp</c>.</summary>
public sealed class AcsWhatsAppOptions
{
    /// <summary>The channel registration (a GUID) of the WhatsApp Business number, from the ACS resource's Channels page.</summary>
    public string? ChannelRegistrationId { get; set; }

    /// <summary>Approved templates agents may send outside WhatsApp's 24-hour window.</summary>
    public List<WhatsAppTemplateOptions> Templates { get; set; } = [];
}
