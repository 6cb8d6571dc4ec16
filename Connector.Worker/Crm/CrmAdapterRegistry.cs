using Connector.Worker.Hosting;

namespace Connector.Worker.Crm;

/// <summary>
/// The CRM adapters a build carries (<see cref="CrmAdapters.InThisBuild"/>), and the reading of <c>Crm:Provider</c>
/// against them: a registered name (any case) selects that adapter, <c>None</c> or nothing selects none, and
/// anything else stops start-up listing the allowed values.
/// </summary>
public sealed class CrmAdapterRegistry
{
    public const string ProviderKey = "Crm:Provider";
    public const string None = "None";

    // The names the public configuration contract reserves for Crm:Provider: until its adapter is registered, such a
    // name is told apart from a typing mistake.
    private static readonly string[] ContractNames = ["Salesforce", "Dynamics", "HubSpot", "Zendesk"];

    private readonly List<CrmAdapterRegistration> _adapters = [];

    /// <summary>What <c>Crm:Provider</c> may be in this build: <c>None</c>, then the registered adapters' names.</summary>
    public IReadOnlyList<string> AllowedValues => [None, .. _adapters.Select(a => a.Name)];

    public CrmAdapterRegistry Add(string name, Func<IServiceCollection, IConfiguration, IServiceCollection> addAdapter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(addAdapter);
        if (string.Equals(name, None, StringComparison.OrdinalIgnoreCase) || Find(name) is not null)
        {
            throw new ArgumentException($"'{name}' is already a value of {ProviderKey}.", nameof(name));
        }

        _adapters.Add(new CrmAdapterRegistration(name, addAdapter));
        return this;
    }

    /// <summary>The adapter <c>Crm:Provider</c> selects, or null for none.</summary>
    /// <exception cref="ConfigurationException">The value names no adapter of this build.</exception>
    public CrmAdapterRegistration? Select(string? value)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name) || string.Equals(name, None, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (Find(name) is { } adapter)
        {
            return adapter;
        }

        var allowed = $"Allowed values: {string.Join(", ", AllowedValues)}.";
        var reserved = ContractNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        throw new ConfigurationException(ProviderKey, reserved is not null
            ? $"the {reserved} adapter is not part of this build. {allowed}"
            : $"'{value}' is not a CRM adapter of this build. {allowed}");
    }

    private CrmAdapterRegistration? Find(string name) =>
        _adapters.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
}
