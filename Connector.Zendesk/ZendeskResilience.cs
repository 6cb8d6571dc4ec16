using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Connector.Zendesk;

/// <summary>
/// The standard pipeline, resending only what is safe to send twice: reads, and writes that carry an idempotency
/// key (ticket creation with <c>Idempotency-Key</c>, create_or_update of a user by external_id). A comment added
/// by PUT is not resent here: after a timeout Zendesk may have written it, and the job's replay finds it by its
/// tag instead. 429 is not retried here either: it is the account's limit, and the sync's gate waits it out
/// (Retry-After travels in the exception). 503 (maintenance) is retried honouring Retry-After.
/// </summary>
internal static class ZendeskResilience
{
    public static void Configure(HttpStandardResilienceOptions options)
    {
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.ShouldHandle = args => ValueTask.FromResult(
            HttpClientResiliencePredicates.IsTransient(args.Outcome)
            && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests
            && CanResend(args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage()));
        options.AttemptTimeout.Timeout = TimeSpan.FromMinutes(2);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(10);
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(5);
    }

    private static bool CanResend(HttpRequestMessage? request) =>
        request is null
        || ((request.Method == HttpMethod.Get || (request.Options.TryGetValue(ZendeskClient.Idempotent, out var idempotent) && idempotent))
            && (!request.Options.TryGetValue(ZendeskClient.SeekableBody, out var seekable) || seekable));
}
