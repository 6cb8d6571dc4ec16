using Connector.Core.Insight;
using Connector.Core.Outbox;
using Connector.Core.Qa;
using Connector.Worker.InteractionAnalysis;

namespace Connector.Worker.Qa;

public static class QaServiceCollectionExtensions
{
    /// <summary>
    /// QA of every finished interaction against the charter's <c>qa:</c> forms: the <c>qa.evaluate</c> job, the kept
    /// evaluations and their API. Sentiment questions use an <see cref="ISentimentScorer"/> when one is registered and
    /// AI questions an <see cref="IQaAiAnswerer"/>; without them those questions are N/A.
    /// </summary>
    public static IServiceCollection AddQa(this IServiceCollection services)
    {
        services.AddSingleton<QaForms>();
        services.AddSingleton<QaEvaluationStore>();
        services.AddSingleton(sp => new FormEvaluator(sp.GetService<ISentimentScorer>(), sp.GetService<IQaAiAnswerer>()));
        services.AddInteractionAnalysis<QaEvaluations>(OutboxKind.QaEvaluate);
        return services;
    }
}
