using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Connector.Salesforce;

/// <summary>
/// The standard pipeline with room for large uploads. Every write this adapter sends is idempotent (an upsert on
/// the external-id field, or a create of a Unique key that answers DUPLICATE_VALUE on replay), so transient
/// failures (5xx, timeouts) are retried for every method. 403 REQUEST_LIMIT_EXCEEDED is not retried here: the
/// allocation is daily, so the job backs off instead.
/// </summary>
internal static class SalesforceResilience
{
    public static void Configure(HttpStandardResilienceOptions options)
    {
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.ShouldHandle = args => ValueTask.FromResult(
            HttpClientResiliencePredicates.IsTransient(args.Outcome) && CanResend(args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage()));
        options.AttemptTimeout.Timeout = TimeSpan.FromMinutes(2);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(10);
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(5);
    }

    /// <summary>A streamed upload that cannot be rewound is not sent again here; the job retries it from the start.</summary>
    private static bool CanResend(HttpRequestMessage? request) =>
        request is null || !request.Options.TryGetValue(SalesforceClient.SeekableBody, out var seekable) || seekable;
}
