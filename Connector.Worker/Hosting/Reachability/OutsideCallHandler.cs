namespace Connector.Worker.Hosting.Reachability;

/// <summary>
/// Notes each call's outcome for <see cref="OutsideCalls"/>, outside the client's retries (so a call retried into
/// success counts as answered). A 5xx, 401 or 403, a refused connection or a time-out is a failure; any other answer,
/// a 429 included, means the service is there. The caller's own cancellation is not the service's fault.
/// </summary>
internal sealed class OutsideCallHandler(OutsideCalls calls, string service, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var failed = status >= 500 || status is 401 or 403;
            calls.Record(service, new OutsideCall(time.GetUtcNow(), !failed, $"{request.Method} {request.RequestUri?.Host} answered {status}"));
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var what = e is TaskCanceledException ? "timed out" : $"failed: {e.Message}";
            calls.Record(service, new OutsideCall(time.GetUtcNow(), false, $"{request.Method} {request.RequestUri?.Host} {what}"));
            throw;
        }
    }
}
