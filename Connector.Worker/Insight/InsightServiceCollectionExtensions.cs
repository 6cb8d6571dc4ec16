using Connector.Ai.Embeddings;
using Connector.Ai.Insight;
using Connector.Core.Insight;
using Connector.Core.Outbox;
using Connector.Core.Routing.Policy;
using Connector.Worker.InteractionAnalysis;

namespace Connector.Worker.Insight;

public static class InsightServiceCollectionExtensions
{
    /// <summary>
    /// The insight layer over every finished interaction: the <c>insight.analyse</c> job (sentiment per turn, participant
    /// and interaction; topics from the charter's <c>insights:</c> rules and centroids), the kept analyses and
    /// <c>GET /api/insights</c>. Needs <c>AddConnectorAi</c> (the sentiment scorer and the sentence embedder).
    /// </summary>
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddSingleton(sp => new TopicRules(sp.GetRequiredService<RoutingPolicy>().Insights.Topics));
        services.AddSingleton(sp => new TopicCentroids(sp.GetRequiredService<SentenceEmbedder>(), sp.GetRequiredService<RoutingPolicy>().Insights));
        services.AddSingleton<TurnAnalyzer>();
        services.AddSingleton<InsightStore>();
        services.AddSingleton<ConversationInsights>();
        services.AddInteractionAnalysis<InsightAnalyses>(OutboxKind.InsightAnalyse);
        return services;
    }
}
