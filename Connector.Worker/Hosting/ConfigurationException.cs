namespace Connector.Worker.Hosting;

/// <summary>A configuration value the Worker cannot start with; the message names the key and what is allowed.</summary>
public sealed class ConfigurationException(string key, string message) : Exception($"{key}: {message}")
{
    public string Key { get; } = key;
}
