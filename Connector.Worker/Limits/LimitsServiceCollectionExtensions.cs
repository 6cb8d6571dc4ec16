using Connector.Core.Configuration;
using Microsoft.AspNetCore.Http.Json;

namespace Connector.Worker.Limits;

public static class LimitsServiceCollectionExtensions
{
    /// <summary>
    /// What the Worker takes from callers: rate limits on the anonymous surfaces (<see cref="RateLimits"/>), request
    /// body sizes (<see cref="RequestBodyLimits"/>), and JSON that is refused with 4xx naming the field rather than
    /// bound loosely or answered 500 (<see cref="BadRequestProblems"/>).
    /// </summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LimitsOptions, LimitsOptionsValidator>(configuration, LimitsOptions.Section);
        services.AddConnectorRateLimits();
        services.AddSingleton<ClaimedIdentityLimiter>();
        services.AddRequestBodyLimits();
        // A body the minimal APIs cannot bind throws (instead of a bare 400) so that BadRequestProblems can name the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestProblems>();
        // {"agentId":"me","agentId":"you"}: which one counts is the attacker's choice, so neither does.
        services.Configure<JsonOptions>(o => o.SerializerOptions.AllowDuplicateProperties = false);
        return services;
    }
}
