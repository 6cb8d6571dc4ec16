namespace Connector.Worker.Panel;

/// <summary>Configuration section <c>Panel</c>: where the agent panel may be embedded.</summary>
public sealed class PanelOptions
{
    public const string Section = "Panel";

    /// <summary>
    /// The CRM origins that frame the panel, e.g. <c>https://acme.lightning.force.com</c> and <c>https://acme.my.salesforce.com</c>:
    /// they become the panel's <c>frame-ancestors</c> (no other site may frame it) and its <c>script-src</c> (Open CTI's
    /// library is loaded from the CRM). Empty: the panel runs standalone only.
    /// </summary>
    public List<string> HostOrigins { get; set; } = [];

    /// <summary>
    /// Further origins the panel connects to, beyond its own Worker and the ACS resource: the ACS Calling SDK's media and
    /// signalling services, for one, when the browser softphone is used.
    /// </summary>
    public List<string> ConnectOrigins { get; set; } = [];
}
