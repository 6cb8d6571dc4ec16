namespace Connector.Worker.Routing;

/// <summary>Configuration section <c>Charter</c>.</summary>
public sealed class CharterOptions
{
    public const string Section = "Charter";

    /// <summary>The charter YAML (relative to the working directory); absent: one queue per channel with default steps.</summary>
    public string? Path { get; set; }

    /// <summary>The charter's absolute path, or null without one.</summary>
    public string? FullPath => Path is { Length: > 0 } path ? System.IO.Path.GetFullPath(path) : null;
}
