using Connector.Core.Channels;
using Connector.Core.Configuration;
using Connector.Worker.Claims;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Worker.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// Web chat through ACS Chat: visitors' sessions and threads, the connector's service identity, agents' ACS
    /// identities, the chat side of an assignment (the agent joins the thread) and of a reply (into the thread).
    /// </summary>
    /// <remarks>Also the claimed identities of visitors and unverified senders, and their verification (<c>Chat:Verification</c>).</remarks>
    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ClaimVerificationOptions, ClaimVerificationOptionsValidator>(configuration, ClaimVerificationOptions.Section);
        services.TryAddSingleton<IdentityClaimStore>();
        services.AddScoped<ClaimCodeSender>();
        services.AddScoped<ClaimLinker>();
        services.AddScoped<ClaimVerification>();
        services.AddSingleton<ChatSessionStore>();
        services.AddSingleton<ChatServiceIdentity>();
        services.AddSingleton<AgentChatIdentityStore>();
        services.AddSingleton<AgentChatIdentities>();
        services.AddScoped<ITaskAssignmentHandler, ChatAssignmentHandler>();
        services.AddScoped<IChannelReplySender, ChatReplySender>();
        return services;
    }

    /// <summary>The visitors' endpoints (sessions, their verification codes, the widget), the agents' confirmation of a claim and the agents' chat token (admin/agent API).</summary>
    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        app.MapChatSessions();
        app.MapChatVerification();
        app.MapClaimConfirmation();
        app.MapChatWidget();
        app.MapAgentChatToken();
        return app;
    }
}
