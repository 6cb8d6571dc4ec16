using Microsoft.Extensions.Options;

namespace Connector.Worker.Acs;

/// <summary>
/// The configured ACS resource, parsed once. The Worker runs without ACS, so an absent connection string is only
/// an error when a client is actually used.
/// </summary>
public sealed class AcsConnection(IOptions<AcsOptions> options)
{
    private readonly Lazy<AcsConnectionString?> parsed = new(() =>
        string.IsNullOrWhiteSpace(options.Value.ConnectionString) ? null : AcsConnectionString.Parse(options.Value.ConnectionString));

    public bool IsConfigured => parsed.Value is not null;

    /// <summary>What a channel says when it cannot send because ACS is not configured.</summary>
    public const string NotConfigured = "Acs:ConnectionString is not configured, so no message can be sent.";

    /// <exception cref="InvalidOperationException">No <c>Acs:ConnectionString</c> is configured.</exception>
    public AcsConnectionString Current => parsed.Value ?? throw new InvalidOperationException(
        $"{AcsConnectionString.ConfigurationKey} is not configured: set it to endpoint=https://<resource>.communication.azure.com/;accesskey=<key> to use Azure Communication Services.");
}
