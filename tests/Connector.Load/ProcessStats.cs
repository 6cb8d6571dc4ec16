using System.Globalization;

namespace Connector.Load;

/// <summary>A process's CPU time and memory as Linux keeps them in /proc (no sampling: the kernel's own counters).</summary>
/// <remarks>
/// RSS splits into anonymous memory (the GC heap, native allocations, JIT'd code) and file-backed pages (the mapped
/// assemblies and native libraries, clean and shared): only the first grows with load.
/// </remarks>
public readonly record struct ProcessStats(double CpuSeconds, long RssBytes, long PeakRssBytes, long AnonymousBytes, long FileBytes)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux .NET runs on

    public static ProcessStats Read(int pid)
    {
        // /proc/<pid>/stat: the command name (field 2) is in parentheses and may hold spaces; utime and stime are
        // fields 14 and 15, counted from the closing parenthesis.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rss = 0, peak = 0, anonymous = 0, file = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anonymous = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = Kilobytes(line) * 1024;
            }
        }

        return new ProcessStats(ticks / TicksPerSecond, rss, peak, anonymous, file);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
