using Microsoft.Extensions.Options;

namespace Connector.Worker.Cli.Doctor;

/// <summary>
/// Every options section, through the same validators that stop start-up (<see cref="IStartupValidator"/>). The
/// charter's errors are left to <see cref="CharterCheck"/>, which reports them on a line of their own.
/// </summary>
internal static class ConfigurationCheck
{
    public const string Name = "Configuration";

    public static DoctorResult Run(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return DoctorResult.Passed(Name, "every section passes the checks start-up makes");
        }
        catch (Exception ex) when (Failures(ex) is { } failures)
        {
            var others = failures.Where(f => !f.StartsWith(CharterCheck.ConfigurationKey, StringComparison.Ordinal)).ToList();
            return others.Count == 0
                ? DoctorResult.Passed(Name, "every section passes the checks start-up makes (the charter is checked below)")
                : DoctorResult.Failed(Name, string.Join("; ", others), "set the keys named above as the messages say (appsettings.json or environment variables with __), then run doctor again");
        }
    }

    private static List<string>? Failures(Exception ex) => ex switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures)],
        _ => null,
    };
}
