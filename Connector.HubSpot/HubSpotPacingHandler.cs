using System.Globalization;

namespace Connector.HubSpot;

/// <summary>
/// Innermost handler: every attempt (retries and re-sent 401s included) waits for room in the rolling windows, and
/// HubSpot's <c>X-HubSpot-RateLimit-*</c> headers tune the window and feed the metrics.
/// </summary>
public sealed class HubSpotPacingHandler(HubSpotPacer pacer, HubSpotMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var search = HubSpotUris.IsSearch(request.RequestUri?.AbsolutePath ?? "");
        var searchSlot = search ? await pacer.Search.AcquireAsync(cancellationToken).ConfigureAwait(false) : null;
        HubSpotRateWindow.Slot? apiSlot = null;
        try
        {
            apiSlot = await pacer.Api.AcquireAsync(cancellationToken).ConfigureAwait(false);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var max = Header(response, "X-HubSpot-RateLimit-Max");
            var interval = Header(response, "X-HubSpot-RateLimit-Interval-Milliseconds");
            pacer.Api.Adjust((int?)max, interval is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
            metrics.Observe(max, Header(response, "X-HubSpot-RateLimit-Remaining"), Header(response, "X-HubSpot-RateLimit-Daily"), Header(response, "X-HubSpot-RateLimit-Daily-Remaining"));
            if ((int)response.StatusCode == 429)
            {
                metrics.Throttled();
            }

            return response;
        }
        finally
        {
            apiSlot?.Complete();
            searchSlot?.Complete();
        }
    }

    private static long? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
