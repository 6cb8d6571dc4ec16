using Connector.Core.Charter;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Routing.Policy;
using Npgsql;

namespace Connector.Worker.Configuration;

/// <summary>
/// Reads and checks, before anything is composed, the settings that decide what the Worker is made of. Every
/// failure names the key and what is allowed, and stops start-up.
/// </summary>
public sealed record StartupConfiguration(
    CrmProvider CrmProvider,
    string? PostgresConnectionString,
    string DataDirectory,
    RoutingPolicy RoutingPolicy,
    string? CharterPath)
{
    public const string ConnectionStringKey = "ConnectionStrings:Connector";

    public bool UsesPostgres => PostgresConnectionString is not null;

    public static StartupConfiguration Read(IConfiguration configuration)
    {
        var provider = ReadCrmProvider(configuration["Crm:Provider"]);
        var connectionString = ReadConnectionString(configuration[ConnectionStringKey]);
        var dataDirectory = configuration[$"{StorageOptions.Section}:DataDirectory"] is { Length: > 0 } dir ? dir : new StorageOptions().DataDirectory;
        CheckRegion(configuration[$"{IdentityOptions.Section}:DefaultRegion"]);
        CheckTimeSpan(configuration, $"{ConversationOptions.Section}:ContinuityWindow");
        foreach (var key in new[] { "PollInterval", "Lease" })
        {
            CheckTimeSpan(configuration, $"{OutboxOptions.Section}:{key}");
        }

        var charterPath = configuration["Charter:Path"] is { Length: > 0 } path ? Path.GetFullPath(path) : null;
        return new StartupConfiguration(provider, connectionString, Path.GetFullPath(dataDirectory), ReadCharter(charterPath), charterPath);
    }

    private static RoutingPolicy ReadCharter(string? path)
    {
        if (path is null)
        {
            return RoutingPolicy.Default();
        }

        if (!File.Exists(path))
        {
            throw new ConfigurationException("Charter:Path", $"no charter file at {path}; the Worker ships a documented sample as charter.sample.yaml.");
        }

        try
        {
            return CharterLoader.Load(path);
        }
        catch (CharterException ex)
        {
            throw new ConfigurationException("Charter:Path", $"the charter has errors:{Environment.NewLine}{ex.Message}");
        }
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

    private static void CheckRegion(string? region)
    {
        if (!string.IsNullOrWhiteSpace(region) && !IdentityNormalizer.IsSupportedRegion(region))
        {
            throw new ConfigurationException($"{IdentityOptions.Section}:DefaultRegion", $"'{region}' is not an ISO 3166 region with a phone numbering plan; use two letters such as GB, US, DE.");
        }
    }

    private static void CheckTimeSpan(IConfiguration configuration, string key)
    {
        if (configuration[key] is { Length: > 0 } value && (!TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var span) || span <= TimeSpan.Zero))
        {
            throw new ConfigurationException(key, $"'{value}' is not a positive time span; write it as d.hh:mm:ss, e.g. 3.00:00:00 for 72 hours.");
        }
    }
}
