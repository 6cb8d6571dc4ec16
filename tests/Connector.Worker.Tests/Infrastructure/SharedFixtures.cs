namespace Connector.Worker.Tests.Infrastructure;

/// <summary>
/// ACS's own sample payloads, read in place from the team's fixtures folder beside the repository on machines that
/// have it. No test needs it: every test runs on the payloads in <see cref="Payloads.AcsEvents"/>, and the webhook
/// theories add one case per sample only where its file is here (without it they have fewer cases, never a skip).
/// </summary>
public static class SharedFixtures
{
    public static string Directory => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "fixtures"));

    /// <summary>The fixture's text, or null when the file (or the whole folder) is not on this machine.</summary>
    public static string? TryRead(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
