using Connector.Core.Channels;

namespace Connector.Worker.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// Web chat through ACS Chat: visitors' sessions and threads, the connector's service identity, agents' ACS
    /// identities, the chat side of an assignment (the agent joins the thread) and of a reply (into the thread).
    /// </summary>
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddSingleton<ChatSessionStore>();
        services.AddSingleton<ChatServiceIdentity>();
        services.AddSingleton<AgentChatIdentityStore>();
        services.AddSingleton<AgentChatIdentities>();
        services.AddScoped<ITaskAssignmentHandler, ChatAssignmentHandler>();
        services.AddScoped<IChannelReplySender, ChatReplySender>();
        return services;
    }

    /// <summary>The visitors' endpoints (sessions, the widget) and the agents' chat token (admin/agent API).</summary>
    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        app.MapChatSessions();
        app.MapChatWidget();
        app.MapAgentChatToken();
        return app;
    }
}
