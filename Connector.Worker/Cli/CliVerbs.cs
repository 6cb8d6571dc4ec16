namespace Connector.Worker.Cli;

/// <summary>
/// The verbs that run instead of the service (<c>dotnet run --project Connector.Worker -- VERB …</c>: <c>simulate</c>,
/// <c>add-user</c>, <c>install</c>, <c>doctor</c>, <c>staff</c>); each prints its own <c>--help</c>. Without a verb the Worker runs as a service.
/// </summary>
public static class CliVerbs
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["simulate"] = SimulateCommand.RunAsync,
        ["add-user"] = AddUserCommand.RunAsync,
        ["install"] = InstallCommand.RunAsync,
        ["doctor"] = DoctorCommand.RunAsync,
        ["staff"] = StaffCommand.RunAsync,
    };

    /// <summary>The verb named by the first argument, run with the arguments after it; null when there is none.</summary>
    public static Func<Task<int>>? Find(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args is [var name, .. var rest] && Verbs.TryGetValue(name, out var verb) ? () => verb(rest) : null;
    }
}
