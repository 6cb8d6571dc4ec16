using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Core.Configuration;

/// <summary>
/// How every options section is registered: bound from its section, checked at start (values that do not convert,
/// named with the form they need, then the section's own <see cref="IValidateOptions{TOptions}"/>), and a failure
/// stops start-up with every problem listed.
/// </summary>
public static class ValidatedOptionsServiceCollectionExtensions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var values = configuration.GetSection(section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new ConvertibleValuesValidator<TOptions>(values)));
        // Bind only when every value converts: the binder's own exception would stop start-up before the
        // validators could name the key and the form it needs.
        return services.AddOptions<TOptions>()
            .Configure(o =>
            {
                if (ConfigurationValues.Problems(values, typeof(TOptions)).Count == 0)
                {
                    values.Bind(o);
                }
            })
            .ValidateOnStart();
    }

    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddValidatedOptions<TOptions>(configuration, section);
    }
}
