using System.Globalization;
using Connector.Core.Charter;
using Connector.Worker.Simulation;

namespace Connector.Worker.Cli;

/// <summary><c>simulate --scenario FILE</c>: runs the routing engine in simulated time; prints JSON.</summary>
internal static class SimulateCommand
{
    private const int UsageError = 2;

    private const string Usage = """
        Usage: Connector.Worker simulate --scenario FILE [--seed N]

        Runs the real routing engine over simulated hours of Poisson arrivals and prints, as JSON on stdout,
        each channel's offered, handled and abandoned work, service level, average speed of answer and
        occupancy, and the agents' occupancy.

          --scenario FILE   the scenario (YAML): durationHours, warmupHours, seed, charter, channels, agents
          --seed N          overrides the scenario's seed
          --help            prints this text

        Exit codes: 0 done; 2 bad arguments, scenario or charter (each error on stderr as file:line:column: field: message).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? scenarioPath = null;
        int? seed = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    await Console.Out.WriteLineAsync(Usage);
                    return 0;
                case "--scenario" when i + 1 < args.Length:
                    scenarioPath = args[++i];
                    break;
                case "--scenario":
                    return await FailAsync("simulate: --scenario needs a FILE" + Environment.NewLine + Environment.NewLine + Usage);
                case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n):
                    seed = n;
                    i++;
                    break;
                case "--seed":
                    return await FailAsync("simulate: --seed needs a whole number" + Environment.NewLine + Environment.NewLine + Usage);
                default:
                    return await FailAsync($"simulate: unexpected argument '{args[i]}'{Environment.NewLine}{Environment.NewLine}{Usage}");
            }
        }

        if (scenarioPath is null)
        {
            return await FailAsync($"simulate: --scenario FILE is required{Environment.NewLine}{Environment.NewLine}{Usage}");
        }

        try
        {
            var scenario = ScenarioLoader.Load(scenarioPath);
            if (seed is { } s)
            {
                scenario = scenario with { Seed = s };
            }

            var charter = scenario.CharterPath is { } path ? CharterLoader.Load(path) : null;
            var report = Simulator.Run(scenario, charter);
            await Console.Out.WriteLineAsync(SimulationJson.Serialize(report));
            return 0;
        }
        catch (CharterException e)
        {
            // A bad scenario or charter: both are read with the charter's reader.
            return await FailAsync(e.Message);
        }
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return UsageError;
    }
}
