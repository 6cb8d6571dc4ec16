using Connector.Worker.Configuration;
using Npgsql;

namespace Connector.Worker.Routing;

public static class RoutingServiceCollectionExtensions
{
    /// <summary>The charter's routing policy and the router, which runs on whichever Worker holds the lock.</summary>
    public static IServiceCollection AddConnectorRouting(this IServiceCollection services, IConfiguration configuration, StartupConfiguration startup)
    {
        services.AddSingleton(startup.RoutingPolicy);
        services.AddOptions<RouterOptions>().Bind(configuration.GetSection(RouterOptions.Section))
            .Validate(o => o.TickInterval > TimeSpan.Zero, "Router:TickInterval must be positive.")
            .ValidateOnStart();
        if (startup.UsesPostgres)
        {
            services.AddSingleton<IRouterLeadership>(sp => new PostgresRouterLeadership(
                sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ILogger<PostgresRouterLeadership>>()));
        }
        else
        {
            services.AddSingleton<IRouterLeadership, EmbeddedRouterLeadership>();
        }

        services.AddHostedService<RouterService>();
        return services;
    }
}
