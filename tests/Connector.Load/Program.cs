using Connector.Load;

// The load tool: see LoadOptions.HelpText (--help) for the flags and exactly what each printed figure measures.
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
