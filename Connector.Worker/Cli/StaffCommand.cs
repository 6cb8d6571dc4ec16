using Connector.Worker.Staffing;

namespace Connector.Worker.Cli;

/// <summary><c>staff --channel C --per-hour N --handle S --within S</c>: the agents a channel needs; prints JSON.</summary>
internal static class StaffCommand
{
    private const int UsageError = 2;

    private static readonly StaffingInput.Fields OptionNames = new("--channel", "--per-hour", "--handle", "--service-level", "--within", "--concurrency", "--max-occupancy");

    private const string Usage = """
        Usage: Connector.Worker staff --channel CHANNEL --per-hour N --handle SECONDS --within SECONDS
                                      [--service-level SHARE] [--concurrency N] [--max-occupancy SHARE]

        Prints, as JSON on stdout, the smallest number of agents with which CHANNEL meets its service target:
        SHARE of the contacts answered within SECONDS, by Erlang C. Voice is one call per agent; on chat, WhatsApp
        and email an agent holds several contacts at once, and the queue is sized over agents × concurrency places
        (checked against the routing simulator, the `simulate` verb).

          --channel CHANNEL       voice, chat, whatsapp or email
          --per-hour N            forecast contacts per hour
          --handle SECONDS        mean handle time per contact, wrap-up included
          --within SECONDS        the answer target
          --service-level SHARE   the share to answer within the target (default 0.8)
          --concurrency N         contacts an agent holds at once (default: the standard capacity profile's:
                                  voice 1, chat 2, whatsapp 4, email 10)
          --max-occupancy SHARE   also staff until the places are at most this busy (e.g. 0.85)
          --help                  prints this text

        Output: channel, agents, concurrency, places (agents × concurrency), erlangs (offered load),
        serviceLevel and averageSpeedOfAnswerSeconds with that team, occupancy, method.
        Exit codes: 0 done; 2 bad arguments (each on stderr, naming the option).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = [OptionNames.Channel, OptionNames.PerHour, OptionNames.Handle, OptionNames.ServiceLevel, OptionNames.Within, OptionNames.Concurrency, OptionNames.MaxOccupancy];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                await Console.Out.WriteLineAsync(Usage);
                return 0;
            }

            if (!known.Contains(args[i], StringComparer.Ordinal))
            {
                return await FailAsync($"staff: unexpected argument '{args[i]}'");
            }

            if (i + 1 >= args.Length)
            {
                return await FailAsync($"staff: {args[i]} needs a value");
            }

            values[args[i]] = args[++i];
        }

        var input = new StaffingInput();
        var request = input.Read(
            OptionNames,
            values.GetValueOrDefault(OptionNames.Channel),
            values.GetValueOrDefault(OptionNames.PerHour),
            values.GetValueOrDefault(OptionNames.Handle),
            values.GetValueOrDefault(OptionNames.ServiceLevel),
            values.GetValueOrDefault(OptionNames.Within),
            values.GetValueOrDefault(OptionNames.Concurrency),
            values.GetValueOrDefault(OptionNames.MaxOccupancy));
        if (request is null)
        {
            return await FailAsync(string.Join(Environment.NewLine, input.Errors.Select(e => $"staff: {e.Key} {string.Join(" ", e.Value)}")));
        }

        await Console.Out.WriteLineAsync(StaffingJson.Serialize(StaffingPlanner.Plan(request)));
        return 0;
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message + Environment.NewLine + Environment.NewLine + Usage);
        return UsageError;
    }
}
