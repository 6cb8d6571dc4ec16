using Connector.Core.Configuration;
using Connector.Worker.People;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// The panel and admin API: who may call it (<see cref="AddPeople"/>, with forwarded headers believed from
    /// trusted proxies only), problem+json errors, OpenAPI.
    /// </summary>
    public static IServiceCollection AddConnectorApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(configuration, ApiOptions.Section);
        // Forwarded headers (when switched on) are believed from the trusted proxies only.
        services.AddSingleton<IPostConfigureOptions<ForwardedHeadersOptions>, ForwardedHeadersTrust>();
        services.AddPeople();
        services.AddProblemDetails();
        services.AddOpenApi();
        return services;
    }
}
