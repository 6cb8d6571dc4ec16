using Microsoft.Extensions.Options;

namespace Connector.Worker.Hosting;

/// <summary>Starting and running the service, with configuration errors reported as one clear line and exit code 2.</summary>
public static class ConnectorHost
{
    public const int ConfigurationErrorExitCode = 2;

    /// <summary>appsettings.json sits beside the binary, so <c>dotnet run --project Connector.Worker</c> from anywhere finds it;
    /// relative paths in the configuration (<c>Storage:DataDirectory</c>) are relative to the working directory.</summary>
    public static WebApplicationOptions Options(string[] args) => new() { Args = args, ContentRootPath = AppContext.BaseDirectory };

    /// <summary>The settings that decide the composition, or null after printing what is wrong.</summary>
    public static StartupConfiguration? ReadStartup(IConfiguration configuration)
    {
        try
        {
            return StartupConfiguration.Read(configuration);
        }
        catch (ConfigurationException ex)
        {
            Console.Error.WriteLine($"Configuration error: {ex.Message}");
            return null;
        }
    }

    /// <summary>Runs until stopped; an options section that fails its validation at start ends the run with exit code 2.</summary>
    public static async Task<int> RunConnectorAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (Failures(ex) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {string.Join("; ", failures)}");
            return ConfigurationErrorExitCode;
        }
    }

    /// <summary>The validation failures in an exception (the host throws one, or an aggregate of several sections').</summary>
    private static List<string> Failures(Exception ex) => ex switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures)],
        _ => [],
    };
}
