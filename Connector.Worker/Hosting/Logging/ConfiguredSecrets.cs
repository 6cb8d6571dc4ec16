using System.Data.Common;
using System.Text.RegularExpressions;

namespace Connector.Worker.Hosting.Logging;

/// <summary>
/// The credentials in the Worker's configuration, found by their key's name (…Key, …Secret, …Password, …Token,
/// connection strings): whole values, and the secret parts of connection strings (<c>accesskey=</c>,
/// <c>Password=</c>), whose other parts (endpoints, hosts) are fine to log.
/// </summary>
internal static partial class ConfiguredSecrets
{
    private static readonly string[] SecretParts = ["accesskey", "sharedaccesskey", "password", "pwd", "key", "secret", "token"];

    public static IReadOnlyList<string> Read(IConfiguration configuration)
    {
        var secrets = new List<string>();
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var name = key[(key.LastIndexOf(':') + 1)..];
            var isConnectionString = key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase) || name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase);
            if (isConnectionString && value.Contains('='))
            {
                secrets.AddRange(PartsOf(value));
            }
            else if (!isConnectionString && SecretName().IsMatch(name))
            {
                secrets.Add(value.Trim());
            }
        }

        return secrets;
    }

    private static IEnumerable<string> PartsOf(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // Not the key=value; form (a Redis "host:port,password=…" list): the masker's patterns still find password=.
            yield break;
        }

        foreach (string part in builder.Keys)
        {
            if (SecretParts.Contains(part.Replace(" ", "", StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase) && builder[part]?.ToString() is { Length: > 0 } secret)
            {
                yield return secret;
            }
        }
    }

    [GeneratedRegex(@"(?:Key|Secret|Password|Token|Credential)s?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
