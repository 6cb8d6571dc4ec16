using Connector.Core.Configuration;
using Connector.Worker.People;
using Connector.Worker.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Connector.Worker.Push;

public static class PushServiceCollectionExtensions
{
    /// <summary>
    /// The agents' hub, the journal written with every change people are told of, and how messages cross Workers:
    /// SignalR's Redis backplane and a Redis feed when <c>SignalR:Redis</c> is set, Azure SignalR Service when
    /// <c>SignalR:AzureConnectionString</c> is, otherwise in-process connections fed by the hosting mode's feed.
    /// </summary>
    public static IServiceCollection AddPush(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PushOptions, PushOptionsValidator>(configuration, PushOptions.Section);
        var signalR = services.AddSignalR();
        var redis = configuration[$"{PushOptions.Section}:{nameof(PushOptions.Redis)}"];
        var azure = configuration[$"{PushOptions.Section}:{nameof(PushOptions.AzureConnectionString)}"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis(redis, o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal("connector");
                // Start without Redis and keep reconnecting: the backplane's subscriptions are sent again when it is back.
                o.Configuration.AbortOnConnectFail = false;
            });
            services.Replace(ServiceDescriptor.Singleton<IPushFeed, RedisPushFeed>());
        }
        else if (!string.IsNullOrWhiteSpace(azure))
        {
            signalR.AddAzureSignalR(azure);
        }

        services.AddSingleton<IUserIdProvider, AgentUserIdProvider>();
        services.AddSingleton<PushJournal>();
        services.AddSingleton<IChangeNotices, PushNotices>();
        services.AddSingleton<PushSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<PushSessions>());
        services.AddHostedService<PushJournalPruner>();
        services.AddSingleton<PushAcks>();
        services.AddHostedService<PushAckWriter>();
        return services;
    }

    public static WebApplication MapPush(this WebApplication app)
    {
        app.MapHub<AgentHub>(AgentHub.Path).RequireAuthorization(Policies.Staff);
        return app;
    }
}
