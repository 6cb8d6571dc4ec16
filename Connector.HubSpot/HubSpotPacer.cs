using Microsoft.Extensions.Options;

namespace Connector.HubSpot;

/// <summary>
/// The process's share of HubSpot's limits: the rolling ten-second budget for every API call, and the search
/// endpoint's own per-second rate on top. Requests wait for their turn here instead of collecting 429s.
/// </summary>
public sealed class HubSpotPacer(IOptions<HubSpotOptions> options, TimeProvider clock)
{
    internal HubSpotRateWindow Api { get; } = new(options.Value.RequestsPerInterval, options.Value.RateLimitInterval, clock);

    internal HubSpotRateWindow Search { get; } = new(options.Value.SearchRequestsPerSecond, TimeSpan.FromSeconds(1), clock);

    /// <summary>The budget and interval now in force (HubSpot's figures once it has sent them).</summary>
    public (int Budget, TimeSpan Interval) ApiWindow => (Api.Budget, Api.Interval);
}
