namespace Connector.Worker.Replies;

public static class RepliesServiceCollectionExtensions
{
    /// <summary>An agent's reply, sent through the conversation's channel and kept on its timeline.</summary>
    public static IServiceCollection AddReplies(this IServiceCollection services)
    {
        services.AddScoped<AgentReplySender>();
        return services;
    }
}
