using Connector.Core.Compliance;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Core;

public static class ConnectorCoreServiceCollectionExtensions
{
    /// <summary>The domain services; options are bound by the host.</summary>
    public static IServiceCollection AddConnectorCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IdentityNormalizer>();
        services.AddSingleton<SensitiveDataRedactor>();
        services.AddSingleton<InboundEventIntake>();
        return services;
    }
}
