using Connector.Worker.Outbox;
using Connector.Worker.Qa;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Worker.InteractionAnalysis;

internal static class InteractionAnalysisServiceCollectionExtensions
{
    /// <summary>
    /// <typeparamref name="TAnalysis"/> of every finished task, run by the <paramref name="kind"/> outbox job on the
    /// analysis queue (<see cref="OutboxJob.AnalysisQueue"/>); the reader of finished work is shared by every analysis
    /// registered.
    /// </summary>
    public static IServiceCollection AddInteractionAnalysis<TAnalysis>(this IServiceCollection services, string kind)
        where TAnalysis : class, IInteractionAnalysis
    {
        services.TryAddSingleton<QaInteractionReader>();
        services.TryAddTransient<FinishedInteractions>();
        services.AddTransient<TAnalysis>();
        services.AddOutboxHandler<InteractionAnalysisJob<TAnalysis>>(kind, OutboxJob.EnqueueAnalysis);
        return services;
    }
}
