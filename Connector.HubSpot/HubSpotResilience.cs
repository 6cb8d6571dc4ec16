using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Connector.HubSpot;

/// <summary>
/// The standard pipeline, with two HubSpot rules. Every write this adapter sends is idempotent (a batch upsert on a
/// unique property, an association that exists already, a file upload that returns the existing duplicate), so
/// transient failures (5xx, timeouts) are retried for every method. A 429 is not retried here: the pacer keeps
/// under the ten-second budget, and what still comes back (a DAILY limit, a budget shared with other apps) goes to
/// the job, which waits as HubSpot's policy says or dead-letters a DAILY refusal.
/// </summary>
internal static class HubSpotResilience
{
    public static void Configure(HttpStandardResilienceOptions options)
    {
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.ShouldHandle = args => ValueTask.FromResult(
            HttpClientResiliencePredicates.IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests);
        options.AttemptTimeout.Timeout = TimeSpan.FromMinutes(2);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(10);
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(5);
        // HubSpot's 429s are the pacer's business, not a sign that the service is down.
        options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(
            HttpClientResiliencePredicates.IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests);
    }
}
