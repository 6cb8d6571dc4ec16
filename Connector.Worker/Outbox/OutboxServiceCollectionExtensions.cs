using Connector.Core.Configuration;
using Connector.Core.Outbox;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Worker.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>The dispatcher that hands due rows to Hangfire, and the dispatch table the rooms fill.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<OutboxOptions, OutboxOptionsValidator>(configuration, OutboxOptions.Section);
        services.TryAddSingleton<OutboxHandlers>();
        // The store writes only the kinds the table has a handler for.
        services.TryAddSingleton<IOutboxConsumers>(sp => sp.GetRequiredService<OutboxHandlers>());
        services.AddTransient<OutboxJob>();
        services.TryAddSingleton<OutboxWake>();
        services.AddSingleton<OutboxExpressLane>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxExpressLane>());
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>Makes <typeparamref name="THandler"/> the one handler of <paramref name="kind"/>, run by <see cref="OutboxJob"/>.</summary>
    public static IServiceCollection AddOutboxHandler<THandler>(this IServiceCollection services, string kind)
        where THandler : class, IOutboxHandler =>
        services.AddOutboxHandler<THandler>(kind, OutboxJob.Enqueue);

    /// <summary>
    /// Makes <typeparamref name="THandler"/> the one handler of <paramref name="kind"/>, run in this process as soon as a
    /// row is committed (<see cref="OutboxExpressLane"/>) because people wait for it; its retries are <see cref="OutboxJob"/>s.
    /// </summary>
    public static IServiceCollection AddOutboxHandlerRunAtOnce<THandler>(this IServiceCollection services, string kind)
        where THandler : class, IOutboxHandler =>
        services.AddRoute<THandler>(new OutboxRoute(kind, typeof(THandler), OutboxJob.Enqueue, RunsAtOnce: true));

    /// <summary>Makes <typeparamref name="THandler"/> the one handler of <paramref name="kind"/>, run by the job <paramref name="enqueue"/> queues.</summary>
    public static IServiceCollection AddOutboxHandler<THandler>(this IServiceCollection services, string kind, Action<Hangfire.IBackgroundJobClient, long> enqueue)
        where THandler : class, IOutboxHandler =>
        services.AddRoute<THandler>(new OutboxRoute(kind, typeof(THandler), enqueue));

    // The handler keyed by its kind, and its row of the dispatch table.
    private static IServiceCollection AddRoute<THandler>(this IServiceCollection services, OutboxRoute route)
        where THandler : class, IOutboxHandler
    {
        services.TryAddSingleton<OutboxHandlers>();
        services.AddKeyedTransient<IOutboxHandler, THandler>(route.Kind);
        services.AddSingleton(route);
        return services;
    }
}
