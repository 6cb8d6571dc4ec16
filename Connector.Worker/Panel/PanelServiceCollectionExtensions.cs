using Microsoft.Extensions.Options;

namespace Connector.Worker.Panel;

public static class PanelServiceCollectionExtensions
{
    public static IServiceCollection AddPanel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PanelOptions>().Bind(configuration.GetSection(PanelOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PanelOptions>, PanelOptionsValidator>();
        services.AddSingleton<PanelSecurityHeaders>();
        return services;
    }
}
