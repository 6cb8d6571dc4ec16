using Connector.Worker.Replies;

namespace Connector.Worker.Assist;

public static class AssistServiceCollectionExtensions
{
    /// <summary>
    /// Agent assist: knowledge articles, the reviewed reply library, suggestions per conversation and the record of
    /// their use. The searching, mining and drafting are Connector.Ai's (<c>AddConnectorAi</c>).
    /// </summary>
    public static IServiceCollection AddAssist(this IServiceCollection services)
    {
        services.AddSingleton<KnowledgeArticleStore>();
        services.AddSingleton<ReplyLibraryStore>();
        services.AddSingleton<AssistUseStore>();
        services.AddSingleton<AssistSuggestions>();
        services.AddSingleton<IReplyObserver, SentReplyMatcher>();
        return services;
    }

    /// <summary>The assist endpoints under <c>/api</c>.</summary>
    internal static RouteGroupBuilder MapAgentAssist(this RouteGroupBuilder api) =>
        api.MapKnowledge().MapReplyLibrary().MapAssist();
}
