using System.Diagnostics;
using System.Globalization;

namespace Connector.Load;

/// <summary>
/// The Worker's GC as the runtime itself reports it (the System.Runtime meter on its /metrics): memory the GC has
/// committed and the heap left after the last collection. RSS says what the process costs; these say how much of
/// it is the managed heap, so a GC setting and a leak can be told apart.
/// </summary>
public readonly record struct WorkerGc(double? CommittedBytes, double? HeapBytes)
{
    private const string Committed = "dotnet_gc_last_collection_memory_committed_size_bytes";
    private const string Heap = "dotnet_gc_last_collection_heap_size_bytes";

    public static async Task<WorkerGc> ReadAsync(HttpClient admin, CancellationToken ct)
    {
        // The admin key may read /metrics. A Worker built before the meter existed gives neither figure: printed as n/a.
        using var response = await admin.GetAsync(new Uri("/metrics", UriKind.Relative), ct);
        if (!response.IsSuccessStatusCode)
        {
            return default;
        }

        double? committed = null, heap = null;
        foreach (var line in (await response.Content.ReadAsStringAsync(ct)).Split('\n'))
        {
            // A sample is "name{labels} value [timestamp]"; the heap size comes once per generation and is summed.
            if (line.StartsWith(Committed, StringComparison.Ordinal))
            {
                committed = (committed ?? 0) + Value(line);
            }
            else if (line.StartsWith(Heap, StringComparison.Ordinal))
            {
                heap = (heap ?? 0) + Value(line);
            }
        }

        return new WorkerGc(committed, heap);
    }

    /// <summary>
    /// Writes a heap dump of the live objects (dotnet-gcdump collect, which forces a full collection, so run it after
    /// every other figure is read); its report lists the types that hold the heap.
    /// </summary>
    public static async Task DumpAsync(int pid, string file, TextWriter log, CancellationToken ct)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        var start = new ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-gcdump") { UseShellExecute = false };
        foreach (var argument in new[] { "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet-gcdump did not start (dotnet tool install -g dotnet-gcdump).");
        await process.WaitForExitAsync(ct);
        log.WriteLine(process.ExitCode == 0 ? $"gcdump of the Worker written to {file}" : $"dotnet-gcdump exited with {process.ExitCode}; no gcdump");
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"committed {Mb(CommittedBytes)}, heap after the last collection {Mb(HeapBytes)}");

    private static string Mb(double? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:0} MB") : "n/a";

    private static double Value(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
