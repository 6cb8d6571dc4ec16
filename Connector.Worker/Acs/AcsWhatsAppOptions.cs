using Connector.Worker.WhatsApp;

namespace Connector.Worker.Acs;

/// <summary>Configuration section <c>Acs:WhatsApp</c>.</summary>
public sealed class AcsWhatsAppOptions
{
    /// <summary>The channel registration (a GUID) of the WhatsApp Business number, from the ACS resource's Channels page.</summary>
    public string? ChannelRegistrationId { get; set; }

    /// <summary>Approved templates agents may send outside WhatsApp's 24-hour window.</summary>
    public List<WhatsAppTemplateOptions> Templates { get; set; } = [];

    /// <summary>
    /// A customer's media larger than this is not kept: the download stops at the limit. WhatsApp's largest media are
    /// documents of up to 100 MB (images 5 MB, audio and video 16 MB: ACS "Advanced Messaging: supported media").
    /// </summary>
    public long MaxMediaBytes { get; set; } = 100L * 1024 * 1024;
}
