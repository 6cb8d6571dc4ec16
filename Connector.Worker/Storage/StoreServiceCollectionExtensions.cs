using Connector.Core.Storage;
using Connector.Worker.Configuration;
using Npgsql;

namespace Connector.Worker.Storage;

public static class StoreServiceCollectionExtensions
{
    /// <summary>PostgreSQL when <c>ConnectionStrings:Connector</c> is set, else SQLite under <c>Storage:DataDirectory</c>.</summary>
    public static IServiceCollection AddConnectorStore(this IServiceCollection services, StartupConfiguration startup)
    {
        if (startup.PostgresConnectionString is { } connectionString)
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            services.AddSingleton<SqlDialect>(sp => new PostgresDialect(sp.GetRequiredService<NpgsqlDataSource>()));
        }
        else
        {
            Directory.CreateDirectory(startup.DataDirectory);
            services.AddSingleton<SqlDialect>(new SqliteDialect(SqliteDialect.ConnectionStringFor(startup.DataDirectory)));
        }

        services.AddSingleton<SqlConnectorStore>();
        services.AddSingleton<IConnectorStore>(sp => sp.GetRequiredService<SqlConnectorStore>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<SqlConnectorStore>());
        services.AddSingleton<ICrmLinkStore>(sp => sp.GetRequiredService<SqlConnectorStore>());
        services.AddSingleton<IRoutingStore, SqlRoutingStore>();
        services.AddSingleton<ISchemaMigrator, SqlSchemaMigrator>();
        return services;
    }
}
