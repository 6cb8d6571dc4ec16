using Connector.Core.Storage;

namespace Connector.Worker.Storage;

public static class StoreServiceCollectionExtensions
{
    /// <summary>The store's ports over the <see cref="SqlDialect"/> the hosting mode chose (PostgreSQL or SQLite).</summary>
    public static IServiceCollection AddConnectorStore(this IServiceCollection services)
    {
        services.AddSingleton<SqlConnectorStore>();
        services.AddSingleton<IConnectorStore>(sp => sp.GetRequiredService<SqlConnectorStore>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<SqlConnectorStore>());
        services.AddSingleton<ICrmLinkStore>(sp => sp.GetRequiredService<SqlConnectorStore>());
        services.AddSingleton<IRoutingStore, SqlRoutingStore>();
        services.AddSingleton<ISchemaMigrator, SqlSchemaMigrator>();
        services.AddHostedService<Hosting.SchemaMigrationService>();
        return services;
    }
}
