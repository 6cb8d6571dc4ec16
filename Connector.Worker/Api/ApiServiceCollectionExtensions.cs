using Connector.Core.Configuration;

namespace Connector.Worker.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The panel and admin API: who may call it (<see cref="AdminAccess"/>), problem+json errors, OpenAPI.</summary>
    public static IServiceCollection AddConnectorApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiOptions>(configuration, ApiOptions.Section);
        services.AddSingleton<AdminAccess>();
        services.AddProblemDetails();
        services.AddOpenApi();
        return services;
    }
}
