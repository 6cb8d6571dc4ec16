namespace Connector.Load;

/// <summary>The load tool: see <see cref="LoadOptions.HelpText"/> (--help) for the flags and exactly what each printed figure measures.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(LoadOptions.HelpText);
            return 0;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var report = await LoadRun.RunAsync(options, Console.Out, stop.Token);
        Console.WriteLine();
        Console.Write(report);
        return report.NothingLost ? 0 : 1;
    }
}
