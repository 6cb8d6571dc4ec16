using System.Reflection;

namespace Connector.Deploy.Tests.Infrastructure;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Bicep CLI the project's PackageDownload brought into the NuGet folder.</summary>
    public static string Bicep
    {
        get
        {
            var path = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepExecutable").Value!;
            Assert.True(File.Exists(path), $"The Bicep CLI is not at {path}: restoring tests/Connector.Deploy.Tests downloads it (Azure.Bicep.CommandLine.linux-x64).");
            return path;
        }
    }

    /// <summary>A fresh folder under the system's temporary folder, holding a copy of <paramref name="source"/>'s files.</summary>
    public static string CopyToTemporaryFolder(string source)
    {
        var target = Directory.CreateTempSubdirectory("connector-deploy-").FullName;
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
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
