using Connector.Core.Conversations;
using Connector.Core.Customers;

namespace Connector.Worker.Configuration;

public static class OptionsServiceCollectionExtensions
{
    /// <summary>Binds every options section; <see cref="StartupConfiguration"/> has already checked the values.</summary>
    public static IServiceCollection AddConnectorOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section));
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.Section));
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.BatchSize is > 0 and <= 1000, "Outbox:BatchSize must be between 1 and 1000.")
            .Validate(o => o.MaxAttempts > 0, "Outbox:MaxAttempts must be at least 1.")
            .ValidateOnStart();
        return services;
    }
}
