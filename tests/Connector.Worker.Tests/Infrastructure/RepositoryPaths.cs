namespace Connector.Worker.Tests.Infrastructure;

/// <summary>Where the repository and the built Worker are, found from the test binary's own location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Worker built by the same <c>dotnet test</c> run, in the same configuration as the tests.</summary>
    public static string WorkerDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/{Configuration}/net10.0/
            var path = Path.Combine(Root, "Connector.Worker", "bin", configuration, "net10.0", "Connector.Worker.dll");
            Assert.True(File.Exists(path), $"The Worker is not built at {path}; build Connector.sln first.");
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Connector.sln not found above " + AppContext.BaseDirectory);
    }
}
