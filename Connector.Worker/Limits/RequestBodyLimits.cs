using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Limits;

/// <summary>
/// Kestrel's request body limit is <see cref="LimitsOptions.MaxRequestBodyBytes"/> for every endpoint (its own
/// default, 30 MB, is far more than any JSON body here needs); an endpoint that takes more or less says so with
/// <see cref="WithBodyLimit{TBuilder}"/>, which the routing middleware applies before the body is read. A body
/// over the limit is refused with 413 problem+json (<see cref="BadRequestProblems"/>).
/// </summary>
public static class RequestBodyLimits
{
    internal static IServiceCollection AddRequestBodyLimits(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<LimitsOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        return services;
    }

    /// <summary>This endpoint's body may be up to <paramref name="bytes"/>, instead of the global limit.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(bytes));
}
