using Connector.Worker.Crm;
using Connector.Worker.Storage;
using Npgsql;

namespace Connector.Worker.Hosting;

/// <summary>
/// The settings that decide what the Worker is made of, read and checked before anything is composed: the hosting
/// mode (from <c>ConnectionStrings:Connector</c>), where its files live, and which CRM adapter it carries. Every
/// other setting is an options section validated at start. Each failure names the key and what is allowed.
/// </summary>
public sealed record StartupConfiguration(
    CrmAdapterRegistration? CrmAdapter,
    string? PostgresConnectionString,
    string DataDirectory)
{
    public const string ConnectionStringKey = "ConnectionStrings:Connector";

    public HostingMode Mode => PostgresConnectionString is null ? HostingMode.Embedded : HostingMode.Shared;

    /// <summary>Reads the settings of a Worker carrying this build's CRM adapters (<see cref="CrmAdapters.InThisBuild"/>).</summary>
    public static StartupConfiguration Read(IConfiguration configuration) => Read(configuration, CrmAdapters.InThisBuild);

    public static StartupConfiguration Read(IConfiguration configuration, CrmAdapterRegistry crmAdapters)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(crmAdapters);
        var adapter = crmAdapters.Select(configuration[CrmAdapterRegistry.ProviderKey]);
        var connectionString = ReadConnectionString(configuration[ConnectionStringKey]);
        var dataDirectory = configuration[$"{StorageOptions.Section}:DataDirectory"] is { Length: > 0 } dir ? dir : new StorageOptions().DataDirectory;
        return new StartupConfiguration(adapter, connectionString, Path.GetFullPath(dataDirectory));
    }

    private static string? ReadConnectionString(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(builder.Host))
            {
                throw new ConfigurationException(ConnectionStringKey, "a PostgreSQL connection string needs Host=…; leave the key out to use the embedded SQLite store.");
            }

            return value;
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException(ConnectionStringKey, $"not a PostgreSQL connection string ({ex.Message}); expected e.g. Host=…;Database=…;Username=…");
        }
    }
}
