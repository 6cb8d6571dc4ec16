using Connector.Core.Compliance;
using Connector.Core.Configuration;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Core;

public static class ConnectorCoreServiceCollectionExtensions
{
    /// <summary>The domain services and their options (<c>Identity</c>, <c>Conversations</c>), checked at start.</summary>
    public static IServiceCollection AddConnectorCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<IdentityOptions, IdentityOptionsValidator>(configuration, IdentityOptions.Section);
        services.AddValidatedOptions<ConversationOptions, ConversationOptionsValidator>(configuration, ConversationOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IdentityNormalizer>();
        // The charter's redaction patterns join the built-in ones where a charter is read (the Worker); without one, the built-ins alone.
        services.AddSingleton(sp => new SensitiveDataRedactor(sp.GetService<Routing.Policy.RoutingPolicy>()?.Redaction ?? []));
        services.AddSingleton(sp => new Bot.BotGate(sp.GetService<Routing.Policy.RoutingPolicy>()));
        services.AddSingleton<InboundEventIntake>();
        return services;
    }
}
