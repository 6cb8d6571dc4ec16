using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Connector.Dynamics;

/// <summary>
/// The standard pipeline, shaped for Dataverse. Every write is an upsert or a create-only on a deterministic key, so
/// faults (5xx, timeouts) are retried for every method. 429 is not retried here: the service-protection window is
/// minutes long and its Retry-After goes to the job, which closes the sync's gate without spending attempts. The
/// pipeline's concurrency limiter keeps the requests in flight under Dataverse's per-user limit of 52.
/// </summary>
internal sealed class DynamicsResilience(IOptions<DynamicsOptions> options)
{
    public void Configure(HttpStandardResilienceOptions pipeline)
    {
        pipeline.Retry.MaxRetryAttempts = 3;
        pipeline.Retry.ShouldHandle = args => ValueTask.FromResult(
            HttpClientResiliencePredicates.IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests);
        pipeline.RateLimiter.DefaultRateLimiterOptions.PermitLimit = options.Value.MaxConcurrentRequests;
        pipeline.RateLimiter.DefaultRateLimiterOptions.QueueLimit = 10_000;
        pipeline.AttemptTimeout.Timeout = TimeSpan.FromMinutes(2);
        pipeline.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(10);
        pipeline.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(5);
        pipeline.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(
            HttpClientResiliencePredicates.IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests);
    }
}
