namespace Connector.Fakes.Crm.HubSpot;

/// <summary>
/// HubSpot's limits: a rolling window (at most <see cref="FakeHubSpotOptions.RequestsPerInterval"/> requests in any
/// <see cref="FakeHubSpotOptions.RateLimitInterval"/>), the search endpoint's own per-second limit, and the daily
/// allocation. A refused request is not counted. Called under the server's lock.
/// </summary>
internal sealed class FakeHubSpotRateLimits(FakeHubSpotOptions options)
{
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly Queue<DateTimeOffset> _searchWindow = new();

    public int DailyUsed { get; set; }

    /// <summary>Requests refused by the rolling window, the search limit and the daily limit (not injected ones).</summary>
    public int Refused { get; private set; }

    public int Remaining(DateTimeOffset now)
    {
        Expire(_window, now, options.RateLimitInterval);
        return Math.Max(0, options.RequestsPerInterval - _window.Count);
    }

    /// <summary>Counts the request, or answers the 429 that refuses it.</summary>
    public FakeHubSpotResponse? Admit(DateTimeOffset now, bool search)
    {
        if (DailyUsed >= options.DailyLimit)
        {
            Refused++;
            return FakeHubSpotResponse.RateLimited("DAILY", "You have reached your daily limit.");
        }

        Expire(_window, now, options.RateLimitInterval);
        if (_window.Count >= options.RequestsPerInterval)
        {
            Refused++;
            return FakeHubSpotResponse.RateLimited("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit.");
        }

        if (search)
        {
            Expire(_searchWindow, now, TimeSpan.FromSeconds(1));
            if (_searchWindow.Count >= options.SearchRequestsPerSecond)
            {
                Refused++;
                // The search limit's 429 names no policy.
                return FakeHubSpotResponse.Error(429, "RATE_LIMITS", "You have reached your secondly limit.", new() { ["errorType"] = "RATE_LIMIT" });
            }

            _searchWindow.Enqueue(now);
        }

        _window.Enqueue(now);
        DailyUsed++;
        return null;
    }

    private static void Expire(Queue<DateTimeOffset> window, DateTimeOffset now, TimeSpan interval)
    {
        while (window.Count > 0 && window.Peek() <= now - interval)
        {
            window.Dequeue();
        }
    }
}
