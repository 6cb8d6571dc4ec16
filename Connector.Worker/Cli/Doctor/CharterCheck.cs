using Connector.Worker.Routing;
using Microsoft.Extensions.Configuration;

namespace Connector.Worker.Cli.Doctor;

/// <summary>The charter through the loader start-up uses: every error with its file, line, column and field.</summary>
internal static class CharterCheck
{
    public const string ConfigurationKey = "Charter:Path";
    private const string Name = "Charter";

    public static DoctorResult Run(IServiceProvider services, IConfiguration configuration)
    {
        // Bound without validation: the validator would stop at the very errors this line is for.
        var path = (configuration.GetSection(CharterOptions.Section).Get<CharterOptions>() ?? new CharterOptions()).FullPath;
        var reading = services.GetRequiredService<Charter>().Read(path);
        if (reading.Error is { } error)
        {
            return DoctorResult.Failed(Name, error, $"correct the charter at the lines named (charter.sample.yaml documents every field), or point {ConfigurationKey} at a charter that loads");
        }

        return DoctorResult.Passed(Name, path is null ? $"{ConfigurationKey} not set: the default routing policy" : $"{path} loads");
    }
}
