using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Core.Configuration;

/// <summary>Reports, at start, every value of the section that cannot become its property's type (<see cref="ConfigurationValues"/>).</summary>
internal sealed class ConvertibleValuesValidator<TOptions>(IConfigurationSection section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = ConfigurationValues.Problems(section, typeof(TOptions));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
