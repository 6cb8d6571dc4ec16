using Connector.Ai.Assist;
using Connector.Ai.Bot;
using Connector.Ai.Chat;
using Connector.Ai.Embeddings;
using Connector.Ai.Sentiment;
using Connector.Core.Compliance;
using Connector.Core.Configuration;
using Connector.Core.Insight;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Ai;

public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// Binds and checks <c>Ai</c> at start and registers the AI features' ports: with <c>Ai:Provider=None</c> the
    /// embedded methods alone (no network), otherwise the AI service in front of them as their fallback.
    /// </summary>
    public static IServiceCollection AddConnectorAi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<AiOptions, AiOptionsValidator>(configuration, AiOptions.Section);
        services.TryAddSingleton(sp => new SentenceEmbedder(sp.GetRequiredService<IOptions<AiOptions>>().Value.EmbeddingConcurrencyOrDefault));
        services.TryAddSingleton(_ => SentimentWeights.LoadShipped());
        services.TryAddSingleton<LexiconSentimentScorer>();
        services.TryAddSingleton<EmbeddedSentimentScorer>();

        // The client's timeout is Ai:Timeout, enforced per answer by the scorers, not HttpClient's 100 seconds.
        services.AddHttpClient(AiChatClientFactory.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<IChatClient>(sp => AiChatClientFactory.Create(sp.GetRequiredService<IOptions<AiOptions>>().Value, sp.GetRequiredService<IHttpClientFactory>()));
        services.TryAddSingleton<ISentimentScorer>(sp => sp.GetRequiredService<IOptions<AiOptions>>().Value.Provider == AiProvider.None
            ? sp.GetRequiredService<EmbeddedSentimentScorer>()
            : ActivatorUtilities.CreateInstance<AiSentimentScorer>(sp));
        services.TryAddSingleton<EmbeddedBotResponder>();
        services.TryAddSingleton<IBotResponder>(sp => sp.GetRequiredService<IOptions<AiOptions>>().Value.Provider == AiProvider.None
            ? sp.GetRequiredService<EmbeddedBotResponder>()
            : ActivatorUtilities.CreateInstance<AiBotResponder>(sp));

        // Agent assist: suggestions found on this machine; a drafted reply only from an AI service.
        services.TryAddSingleton<SensitiveDataRedactor>();
        services.TryAddSingleton<ReplyNormalizer>();
        services.TryAddSingleton<ReplyMiner>();
        services.TryAddSingleton<IAssistRetriever, HybridAssistRetriever>();
        services.TryAddSingleton<IAssistDrafter>(sp => sp.GetRequiredService<IOptions<AiOptions>>().Value.Provider == AiProvider.None
            ? new NoAiAssistDrafter()
            : ActivatorUtilities.CreateInstance<AiAssistDrafter>(sp));
        return services;
    }
}
