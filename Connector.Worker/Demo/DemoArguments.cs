namespace Connector.Worker.Demo;

/// <summary>What <c>demo</c> was asked for on the command line: the data folder, whether to wipe it, where to listen.</summary>
internal sealed record DemoArguments(string DataDirectory, bool Reset, string Urls)
{
    public const string DefaultUrls = "http://localhost:5080";

    public const string Usage = """
        Usage: Connector.Worker demo [--data DIR] [--reset] [--urls URL]

        Runs the Worker as the service runs, with demo settings layered on top: the embedded SQLite store in DIR,
        a demo charter (journeys on voice, chat, WhatsApp and email), demo agents who sign in locally, an ACS
        stand-in on loopback that answers the Worker's ACS calls and sends ACS's events back, and simulated
        customers writing and calling through the same webhook and intake paths as real traffic.
        When ready it prints the panel's URL and the demo people's emails and passwords. Ctrl+C stops it.

          --data DIR   the demo's data folder (default ./demo-data of the working directory); its passwords
                       and keys are made on first use and kept there, so a second run signs in the same
          --reset      wipes the data folder first (a fresh demo, new passwords)
          --urls URL   where the Worker listens (default http://localhost:5080); the first one is printed
          --help       prints this text

        Exit codes: 0 stopped with Ctrl+C; 2 bad arguments or configuration.
        """;

    /// <summary>The arguments after <c>demo</c>; null with <paramref name="problem"/> when they are wrong.</summary>
    public static DemoArguments? Parse(IReadOnlyList<string> args, out string? problem, out bool help)
    {
        string data = Path.Combine(Environment.CurrentDirectory, "demo-data"), urls = DefaultUrls;
        var reset = false;
        help = false;
        problem = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    help = true;
                    return null;
                case "--reset":
                    reset = true;
                    break;
                case "--data" when i + 1 < args.Count && args[i + 1].Length > 0:
                    data = Path.GetFullPath(args[++i]);
                    break;
                case "--urls" when i + 1 < args.Count && Uri.TryCreate(args[i + 1].Split(';')[0], UriKind.Absolute, out _):
                    urls = args[++i];
                    break;
                default:
                    problem = $"demo: unexpected or incomplete argument '{args[i]}'";
                    return null;
            }
        }

        return new DemoArguments(data, reset, urls);
    }

    /// <summary>The first address, as a browser on this machine reaches it (a wildcard host becomes localhost).</summary>
    public Uri PublicUrl
    {
        get
        {
            var first = Urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal);
            return new Uri(first.TrimEnd('/') + "/");
        }
    }
}
