using Connector.Core.Configuration;
using Connector.Core.Outbox;
using Connector.Worker.Outbox;

namespace Connector.Worker.Replies;

public static class RepliesServiceCollectionExtensions
{
    /// <summary>
    /// An agent's reply: recorded on the timeline with its outbox row first, then sent through the conversation's
    /// channel by the request, or by the outbox job when the request could not.
    /// </summary>
    public static IServiceCollection AddReplies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RepliesOptions, RepliesOptionsValidator>(configuration, RepliesOptions.Section);
        services.AddSingleton<AgentReplyStore>();
        services.AddScoped<ReplyDelivery>();
        services.AddScoped<AgentReplySender>();
        services.AddOutboxHandler<ReplySendHandler>(OutboxKind.ReplySend);
        return services;
    }
}
