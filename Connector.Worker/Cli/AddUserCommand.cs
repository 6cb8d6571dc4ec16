using System.Text;
using Connector.Core.Storage;
using Connector.Worker.Hosting;
using Connector.Worker.People.SignIn;
using Connector.Worker.Storage;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Cli;

/// <summary>
/// <c>add-user --email … --role …</c>: creates a local account in the Worker's own store (the first admin, typically),
/// with the password read from standard input or typed at a prompt; never from the command line, where it would
/// stay in the shell's history and the process list.
/// </summary>
internal static class AddUserCommand
{
    private const int Created = 0;
    private const int Refused = 1;
    private const int UsageError = 2;

    private const string Usage = """
        Usage: Connector.Worker add-user --email EMAIL --role agent|supervisor|admin [--name NAME]

        Creates a local account in the store the Worker is configured with (ConnectionStrings:Connector, else the
        SQLite file under Storage:DataDirectory), migrating its schema first. The password (at least 12 characters)
        is read from standard input when it is redirected (echo "$PASSWORD" | … add-user …), else asked twice.
        An agent's account works as the agent record whose email is the same (PUT /api/agents/{id} with email).

          --email EMAIL   what the person signs in with
          --role ROLE     agent, supervisor or admin
          --name NAME     the name shown (the email when left out)
          --help          prints this text

        Exit codes: 0 created; 1 an account with that email exists; 2 bad arguments, password or configuration.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? email = null, role = null, name = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    await Console.Out.WriteLineAsync(Usage);
                    return 0;
                case "--email" when i + 1 < args.Length:
                    email = args[++i];
                    break;
                case "--role" when i + 1 < args.Length:
                    role = args[++i];
                    break;
                case "--name" when i + 1 < args.Length:
                    name = args[++i];
                    break;
                default:
                    return await FailAsync($"add-user: unexpected or incomplete argument '{args[i]}'{Environment.NewLine}{Environment.NewLine}{Usage}");
            }
        }

        if (email is null || role is null)
        {
            return await FailAsync($"add-user: --email and --role are required{Environment.NewLine}{Environment.NewLine}{Usage}");
        }

        if (await ReadPasswordAsync() is not { } password)
        {
            return await FailAsync("add-user: the two passwords differ.");
        }

        if (LocalAccounts.Problem(email, name, password, role) is { } problem)
        {
            return await FailAsync($"add-user: {problem.Message}");
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        if (ConnectorHost.ReadStartup(configuration) is not { } startup)
        {
            return UsageError;
        }

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ISchemaMigrator, SqlSchemaMigrator>()
            .AddSingleton<LocalAccountStore>()
            .AddSingleton<LocalAccounts>()
            .AddSingleton(Options.Create(new AuthOptions()));
        services.AddHostingMode(startup);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        if (await provider.GetRequiredService<LocalAccounts>().CreateAsync(email, name, password, role, CancellationToken.None) is not { } account)
        {
            await Console.Error.WriteLineAsync($"add-user: an account with '{email}' exists already.");
            return Refused;
        }

        await Console.Out.WriteLineAsync($"Created {account.Role} {account.Email} (id {account.Id}); sign in at /signin.");
        return Created;
    }

    /// <summary>The first line of standard input when redirected; else typed twice without echo (null when they differ).</summary>
    private static async Task<string?> ReadPasswordAsync()
    {
        if (Console.IsInputRedirected)
        {
            return await Console.In.ReadLineAsync() ?? "";
        }

        var first = Prompt("Password: ");
        var second = Prompt("Again: ");
        return first == second ? first : null;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return typed.ToString();
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return UsageError;
    }
}
