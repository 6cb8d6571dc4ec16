using System.Text;
using Connector.Worker.Cli.Doctor;
using Connector.Worker.Hosting;

namespace Connector.Worker.Cli;

/// <summary>
/// <c>doctor</c>: composes the Worker from its configuration as the service does, without starting it, and checks
/// each part it depends on with one harmless call. One line per check; exit code 1 when any fails.
/// </summary>
internal static class DoctorCommand
{
    private const int AllPassed = 0;
    private const int SomeFailed = 1;

    private const string Usage = """
        Usage: Connector.Worker doctor

        Checks the Worker's configuration (appsettings.json beside it, environment variables, --Key=Value arguments)
        and everything it depends on, each with one call that changes nothing:
          Configuration   every section, through the validators start-up uses
          Database        reachable, and no migration pending
          ACS             one HMAC-signed GET against the endpoint of Acs:ConnectionString
          CRM             a token and one read (Crm:Provider)
          Email (IMAP)    login and folder (when Email:Imap:Host is set)
          Charter         the charter loads (Charter:Path)
          SignalR backplane (Redis)   PING (when SignalR:Redis is set)
          AI              one single-token answer from Ai:Endpoint (or: the embedded methods, with Ai:Provider=None)
        Each line is ✓ (passed), ✗ (failed, with the fix) or – (not configured, nothing to check).

        Exit codes: 0 every check passed; 1 at least one failed.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Console.OutputEncoding = Encoding.UTF8;
        if (args is ["--help" or "-h", ..])
        {
            await Console.Out.WriteLineAsync(Usage);
            return AllPassed;
        }

        var failed = false;
        foreach (var result in await CheckAsync(args, CancellationToken.None))
        {
            failed |= result.Outcome == DoctorOutcome.Failed;
            await Console.Out.WriteLineAsync(result.ToString());
        }

        await Console.Out.WriteLineAsync(failed ? "Some checks failed: see the fixes above." : "Every check passed.");
        return failed ? SomeFailed : AllPassed;
    }

    private static async Task<IReadOnlyList<DoctorResult>> CheckAsync(string[] args, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(ConnectorHost.Options(args));
        // The checks speak for themselves: the composition's own logging would only repeat them.
        builder.Logging.ClearProviders();
        StartupConfiguration startup;
        try
        {
            startup = StartupConfiguration.Read(builder.Configuration);
        }
        catch (ConfigurationException ex)
        {
            return [DoctorResult.Failed(ConfigurationCheck.Name, ex.Message, "set the key as the message says, then run doctor again (no other check can run before it)")];
        }

        // The service's own composition, built and not started: the same options validated, the same clients calling out.
        builder.Services.AddConnector(startup, builder.Configuration);
        await using var app = builder.Build();
        var services = app.Services;
        var configuration = builder.Configuration;
        return
        [
            ConfigurationCheck.Run(services),
            await StoreCheck.RunAsync(services, ct),
            await AcsCheck.RunAsync(services, ct),
            await CrmCheck.RunAsync(services, ct),
            await ImapCheck.RunAsync(configuration, ct),
            CharterCheck.Run(services, configuration),
            await RedisCheck.RunAsync(configuration),
            await AiCheck.RunAsync(services, ct),
        ];
    }
}
