namespace Connector.Worker.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Where the embedded SQLite database (and later recordings) live; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "./data";
}
