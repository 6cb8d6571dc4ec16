using Connector.Worker.Crm;
using Connector.Worker.Push;
using Connector.Worker.Routing;
using Connector.Worker.Storage;
using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;

namespace Connector.Worker.Hosting;

/// <summary>
/// The one place that knows what each <see cref="HostingMode"/> is made of: the store's dialect, Hangfire's storage,
/// the router's leadership, the per-customer CRM lock, and how Workers signal each other (agents' commands, push
/// entries). Everything else asks for the port and never for the mode.
/// </summary>
public static class HostingModeServiceCollectionExtensions
{
    private const string StoreConnections = "store";

    public static IServiceCollection AddHostingMode(this IServiceCollection services, StartupConfiguration startup)
    {
        ArgumentNullException.ThrowIfNull(startup);
        services.AddSingleton(startup);
        services.AddSingleton(new DataDirectory(startup.DataDirectory));
        // Time for the router to hand over and jobs to finish before the process ends.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        switch (startup.Mode)
        {
            case HostingMode.Shared:
                AddShared(services, startup.PostgresConnectionString!);
                break;
            default:
                AddEmbedded(services, startup.DataDirectory);
                break;
        }

        return services;
    }

    private static void AddEmbedded(IServiceCollection services, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        services.AddSingleton<SqlDialect>(new SqliteDialect(SqliteDialect.ConnectionStringFor(dataDirectory)));
        services.AddSingleton(new JobStoragePlan(config => config.UseInMemoryStorage(), SurvivesRestart: false));
        services.AddSingleton<IRouterLeadership, EmbeddedRouterLeadership>();
        services.AddSingleton<ICustomerCrmLock, InProcessCustomerCrmLock>();
        services.AddSingleton<ICommandSignals, InProcessCommandSignals>();
        services.AddSingleton<IPushFeed, InProcessPushFeed>();
    }

    private static void AddShared(IServiceCollection services, string connectionString)
    {
        // Connections that hold session state (advisory locks, LISTEN) are reset when they go back to the pool.
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        // The store's own connections hold none (every unit of work ends with its transaction), so they skip the reset:
        // otherwise each short unit of work costs a DISCARD ALL on the next use of its connection.
        services.AddKeyedSingleton(StoreConnections, (_, _) => NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString));
        services.AddSingleton<SqlDialect>(sp => new PostgresDialect(sp.GetRequiredKeyedService<NpgsqlDataSource>(StoreConnections)));
        // Hangfire's connections hold no session state either (its locks are rows of hangfire.lock, its transactions end
        // with each operation), and it opens one for nearly every step of a job: a reset each would be most of its statements.
        var jobConnections = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
        services.AddSingleton(new JobStoragePlan(
            config => config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(jobConnections), new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true }),
            SurvivesRestart: true));
        services.AddSingleton<IRouterLeadership>(sp => new PostgresRouterLeadership(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ILogger<PostgresRouterLeadership>>()));
        services.AddSingleton<ICustomerCrmLock>(sp => new PostgresCustomerCrmLock(sp.GetRequiredService<NpgsqlDataSource>()));
        // LISTEN/NOTIFY: works with nothing but the database the Workers already share.
        services.AddSingleton<PostgresNotifications>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresNotifications>());
        services.AddSingleton<ICommandSignals, PostgresCommandSignals>();
        services.AddSingleton<IPushFeed, PostgresPushFeed>();
    }
}
