namespace Connector.Worker.Storage;

/// <summary>
/// Where the Worker keeps its files (the embedded database, media, mail, recordings, transcripts):
/// <c>Storage:DataDirectory</c> made absolute once at start, so a later change of working directory moves nothing.
/// </summary>
public sealed record DataDirectory(string Path)
{
    /// <summary>A path under the data directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
