using System.Collections.Frozen;

namespace Connector.Worker.WebAssets;

/// <summary>
/// The front-end files compiled into the Worker's assembly: every embedded resource whose logical name starts with
/// <c>web/</c> (Connector.Worker.csproj gives each feature's folder its prefix, e.g. <c>Chat/Widget/*</c> as
/// <c>web/chat/</c>). Read once; see README.md beside this file for why embedded resources.
/// </summary>
internal static class EmbeddedWebAssets
{
    private const string Prefix = "web/";

    private static readonly Lazy<FrozenDictionary<string, WebAsset>> All = new(Load);

    /// <summary>The asset at <paramref name="path"/> (under <c>web/</c>); a missing one is a build mistake, told at start-up.</summary>
    public static WebAsset Get(string path) =>
        All.Value.TryGetValue(path, out var asset)
            ? asset
            : throw new InvalidOperationException($"The web asset {Prefix}{path} is not embedded in the Worker (see Connector.Worker.csproj).");

    /// <summary>Every asset whose path starts with <paramref name="folder"/> (the panel's bundle has chunk files named by hash).</summary>
    public static IEnumerable<WebAsset> Under(string folder) =>
        All.Value.Values.Where(a => a.Path.StartsWith(folder, StringComparison.Ordinal)).OrderBy(a => a.Path, StringComparer.Ordinal);

    private static FrozenDictionary<string, WebAsset> Load()
    {
        var assembly = typeof(EmbeddedWebAssets).Assembly;
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var path = name[Prefix.Length..];
            assets[path] = WebAsset.Create(path, copy.ToArray());
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
