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
    CrmProvider CrmProvider,
    string? PostgresConnectionString,
    string DataDirectory)
{
    public const string ConnectionStringKey = "ConnectionStrings:Connector";

    public HostingMode Mode => PostgresConnectionString is null ? HostingMode.Embedded : HostingMode.Shared;

    public static StartupConfiguration Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = ReadCrmProvider(configuration["Crm:Provider"]);
        var connectionString = ReadConnectionString(configuration[ConnectionStringKey]);
        var dataDirectory = configuration[$"{StorageOptions.Section}:DataDirectory"] is { Length: > 0 } dir ? dir : new StorageOptions().DataDirectory;
        return new StartupConfiguration(provider, connectionString, Path.GetFullPath(dataDirectory));
    }

    private static CrmProvider ReadCrmProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return CrmProvider.None;
        }

        var allowed = string.Join(", ", Enum.GetNames<CrmProvider>());
        if (!Enum.TryParse<CrmProvider>(value.Trim(), ignoreCase: true, out var provider) || !Enum.IsDefined(provider) || int.TryParse(value, out _))
        {
            throw new ConfigurationException("Crm:Provider", $"'{value}' is not a CRM this connector knows. Allowed values: {allowed}.");
        }

        if (provider is not (CrmProvider.None or CrmProvider.Salesforce))
        {
            throw new ConfigurationException("Crm:Provider", $"the {provider} adapter is not part of this build yet; the allowed values today are None and Salesforce (allowed by the contract: {allowed}).");
        }

        return provider;
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
