namespace Connector.Worker.Tests.Infrastructure;

/// <summary>The real payloads in ../shared/fixtures, read in place; tests skip with a clear message where they are absent.</summary>
public static class SharedFixtures
{
    public static string Directory => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "fixtures"));

    public static string Read(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        Assert.SkipUnless(File.Exists(path), $"Fixture {path} is not here (../shared/fixtures is absent on this machine).");
        return File.ReadAllText(path);
    }
}
