namespace Connector.Worker.WhatsApp;

/// <summary>
/// One approved WhatsApp template agents may send (<c>Acs:WhatsApp:Templates:N:Name|Language|Description</c>): the only
/// kind of message WhatsApp accepts outside the 24-hour customer-service window.
/// </summary>
public sealed class WhatsAppTemplateOptions
{
    public string Name { get; set; } = "";
    public string Language { get; set; } = "en";
    public string? Description { get; set; }
}
