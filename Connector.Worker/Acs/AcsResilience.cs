using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Connector.Worker.Acs;

/// <summary>The standard resilience pipeline, narrowed so that only requests that are safe to repeat are retried.</summary>
internal static class AcsResilience
{
    public static void Configure(HttpStandardResilienceOptions options)
    {
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.ShouldRetryAfterHeader = true; // ACS throttles with 429 + Retry-After (Learn: ACS "Service limits")
        options.Retry.ShouldHandle = args => ValueTask.FromResult(
            HttpClientResiliencePredicates.IsTransient(args.Outcome)
            && AcsRepeatability.AllowsRetry(args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage()));
    }
}
