namespace Connector.Worker.Kpis;

public static class KpisServiceCollectionExtensions
{
    /// <summary>What <c>GET /api/kpis</c> and the supervisors' dashboard read the KPIs with.</summary>
    public static IServiceCollection AddKpis(this IServiceCollection services)
    {
        services.AddSingleton<KpiStore>();
        return services;
    }
}
