namespace Connector.Worker.Storage;

/// <summary>
/// Where the Worker keeps its files (the embedded database, media, mail, recordings, transcripts):
/// <c>Storage:DataDirectory</c> made absolute once at start, so a later change of working directory moves nothing.
/// </summary>
public sealed record DataDirectory(string Path)
{
    /// <summary>A path under the data directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>
    /// The full path of a stored file from its path relative to the data directory; null when that path is rooted or
    /// its <c>..</c> steps lead out of the data directory, so a stored path can never name a file elsewhere.
    /// </summary>
    public string? Resolve(string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || System.IO.Path.IsPathRooted(relative))
        {
            return null;
        }

        var root = System.IO.Path.GetFullPath(Path);
        root = root.EndsWith(System.IO.Path.DirectorySeparatorChar) ? root : root + System.IO.Path.DirectorySeparatorChar;
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, relative));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }
}
