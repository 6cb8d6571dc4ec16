using System.Globalization;
using System.Reflection;

namespace Connector.Worker.Storage;

/// <summary>One versioned schema change, read from the embedded <c>Migrations/{dialect}/NNNN_name.sql</c>.</summary>
internal sealed record Migration(int Version, string Name, string Sql)
{
    public static IReadOnlyList<Migration> For(string folder)
    {
        var assembly = typeof(Migration).Assembly;
        var prefix = $"migrations/{folder}/";
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => Read(assembly, n, n[prefix.Length..]))
            .OrderBy(m => m.Version)
            .ToList();
        // A number may be skipped (work on two branches reserves its numbers so that merging them never renumbers a
        // file); the applied set is kept per version, so a skipped number that lands later is still applied.
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version <= (i == 0 ? 0 : migrations[i - 1].Version))
            {
                throw new InvalidOperationException($"Migrations in {folder} must be numbered 1, 2, 3… each once; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations;
    }

    private static Migration Read(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(fileName[..underscore], CultureInfo.InvariantCulture);
        return new Migration(version, Path.GetFileNameWithoutExtension(fileName)[(underscore + 1)..], reader.ReadToEnd());
    }
}
