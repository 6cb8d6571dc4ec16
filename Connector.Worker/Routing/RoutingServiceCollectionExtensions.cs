using Connector.Core.Configuration;
using Connector.Core.Outbox;
using Connector.Worker.Outbox;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Routing;

public static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// The charter's routing policy and the router, which runs on whichever Worker holds the leadership the hosting
    /// mode provides; and the channel's part of each assignment (<c>task.assigned</c>).
    /// </summary>
    public static IServiceCollection AddConnectorRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<Charter>();
        services.AddValidatedOptions<CharterOptions, CharterOptionsValidator>(configuration, CharterOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<Charter>().Read(sp.GetRequiredService<IOptions<CharterOptions>>().Value.FullPath).Policy
            ?? throw new InvalidOperationException("The charter was validated at start."));
        services.AddValidatedOptions<RouterOptions, RouterOptionsValidator>(configuration, RouterOptions.Section);
        services.AddHostedService<RouterService>();
        services.AddSingleton<AssignmentChannels>();
        services.AddOutboxHandlerRunAtOnce<TaskAssignedHandler>(OutboxKind.TaskAssigned);
        return services;
    }
}
