using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Panel;

public static class PanelServiceCollectionExtensions
{
    public static IServiceCollection AddPanel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PanelOptions>().Bind(configuration.GetSection(PanelOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PanelOptions>, PanelOptionsValidator>();
        services.AddSingleton<PanelSecurityHeaders>();
        // The front-end's scripts and styles go out compressed (the panel's page script 100 KB → 30 KB, the Calling SDK's
        // chunk 6.9 MB → 1.8 MB). Only these static types: they hold no secret for a compression side channel (BREACH)
        // to reveal, which is why API answers (JSON, carrying people's data) are left as they are.
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["text/javascript", "text/css"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        return services;
    }
}
