using Connector.Salesforce.Embedding;
using Connector.Worker.Acs;

namespace Connector.Worker.Cli;

/// <summary>
/// <c>install salesforce --out DIR [--url URL]</c>: writes what an admin installs in the CRM for the agent panel.
/// The package itself is the CRM project's (<see cref="SalesforceInstallPackage"/>); this verb only finds the Worker's
/// public URL and reports. Other CRMs join as further names after <c>install</c>.
/// </summary>
internal static class InstallCommand
{
    private const int Written = 0;
    private const int WriteFailed = 1;
    private const int UsageError = 2;

    private const string Usage = """
        Usage: Connector.Worker install salesforce --out DIR [--url URL] [--internal-name NAME] [--display-name NAME]

        Writes the Salesforce install package for the agent panel into DIR:
          call-center.xml   the Open CTI call center (import it under Setup → Call Centers); its CTI Adapter URL is {URL}/panel
          GUIDE.md          the steps: import, add users, utility bar, CSP Trusted Sites, Panel:HostOrigins, sign-in,
                            the connected app for the CRM sync

          --out DIR              where to write (created when missing; the two files are replaced)
          --url URL              the Worker's public base URL, https (http only for localhost/127.0.0.1, for testing);
                                 default: the configured Acs:CallbackBaseUrl (appsettings.json or Acs__CallbackBaseUrl)
          --internal-name NAME   the call center's unique internal name: up to 40 letters and digits, starting with a
                                 letter (default AcsConnector)
          --display-name NAME    the name Salesforce shows (default "ACS Contact Center")
          --help                 prints this text

        Exit codes: 0 written; 1 DIR could not be written; 2 bad arguments or no usable URL.
        """;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, ReadConfiguration(), Console.Out, Console.Error, CancellationToken.None);

    /// <summary>The verb with its configuration and output given, so that tests run it in-process.</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args is ["--help" or "-h", ..])
        {
            await stdout.WriteLineAsync(Usage);
            return Written;
        }

        if (args is not ["salesforce", .. var rest])
        {
            var crm = args.Length == 0 ? "no CRM named" : $"'{args[0]}' is not a CRM this build can install into";
            return await FailAsync(stderr, $"install: {crm}; the CRMs are: salesforce{Environment.NewLine}{Environment.NewLine}{Usage}");
        }

        string? outDir = null, url = null;
        string internalName = SalesforceCallCenter.DefaultInternalName, displayName = SalesforceCallCenter.DefaultDisplayName;
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case "--help" or "-h":
                    await stdout.WriteLineAsync(Usage);
                    return Written;
                case "--out" when i + 1 < rest.Length:
                    outDir = rest[++i];
                    break;
                case "--url" when i + 1 < rest.Length:
                    url = rest[++i];
                    break;
                case "--internal-name" when i + 1 < rest.Length:
                    internalName = rest[++i];
                    break;
                case "--display-name" when i + 1 < rest.Length:
                    displayName = rest[++i];
                    break;
                default:
                    return await FailAsync(stderr, $"install: unexpected or incomplete argument '{rest[i]}'{Environment.NewLine}{Environment.NewLine}{Usage}");
            }
        }

        if (string.IsNullOrWhiteSpace(outDir))
        {
            return await FailAsync(stderr, $"install: --out DIR is required{Environment.NewLine}{Environment.NewLine}{Usage}");
        }

        // The Worker's one public-URL setting today is the one ACS calls back on; the panel is served from the same place.
        url ??= configuration[$"{AcsOptions.Section}:{nameof(AcsOptions.CallbackBaseUrl)}"];
        if (string.IsNullOrWhiteSpace(url))
        {
            return await FailAsync(stderr, "install: no public URL for the Worker: pass --url https://… or set Acs:CallbackBaseUrl (Acs__CallbackBaseUrl).");
        }

        var plan = SalesforceInstallPackage.Plan(url, internalName, displayName);
        foreach (var warning in plan.Warnings)
        {
            await stderr.WriteLineAsync($"install: warning: {warning}");
        }

        if (plan.Package is not { } package)
        {
            foreach (var problem in plan.Problems)
            {
                await stderr.WriteLineAsync($"install: {problem}");
            }

            return UsageError;
        }

        IReadOnlyList<string> files;
        try
        {
            files = await package.WriteAsync(outDir, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"install: cannot write to '{outDir}': {e.Message}");
            return WriteFailed;
        }

        foreach (var file in files)
        {
            await stdout.WriteLineAsync($"Wrote {file}");
        }

        await stdout.WriteLineAsync($"Next: follow {files[^1]} (the panel's CTI Adapter URL is {package.CallCenter.AdapterUrl.AbsoluteUri}).");
        return Written;
    }

    /// <summary>The Worker's own settings, read as the service reads them (appsettings.json beside it, then the environment).</summary>
    private static IConfiguration ReadConfiguration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    private static async Task<int> FailAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync(message);
        return UsageError;
    }
}
