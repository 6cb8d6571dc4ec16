using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Worker.Staffing;

/// <summary>
/// Agents needed per channel. Voice is the textbook M/M/c queue: the smallest c with Erlang C's service level at
/// the target. A concurrent channel is the same queue over places (agents × concurrency): the router offers work to
/// any agent with room, so every free place serves the queue, and the simulator, which runs the real router, agrees
/// (StaffingSimulatorTests). The places found are rounded up to whole agents.
/// </summary>
internal static class StaffingPlanner
{
    /// <summary>Past this many places the request is not a contact centre's; the search stops instead of running on.</summary>
    public const int MaxPlaces = 100_000;

    public static StaffingPlan Plan(StaffingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var erlangs = request.Erlangs;
        if (erlangs == 0)
        {
            return new StaffingPlan(request.Channel, 0, request.Concurrency, 0, 0, 1, 0, 0, Method(request));
        }

        // Erlang C needs places > erlangs, or the queue grows without end.
        var places = Math.Max(1, (int)Math.Floor(erlangs) + 1);
        while (!Meets(request, places, erlangs))
        {
            if (++places > MaxPlaces)
            {
                throw new ArgumentOutOfRangeException(nameof(request), $"More than {MaxPlaces} places would be needed.");
            }
        }

        var agents = (places + request.Concurrency - 1) / request.Concurrency;
        var staffed = agents * request.Concurrency;
        return new StaffingPlan(
            request.Channel,
            agents,
            request.Concurrency,
            staffed,
            Math.Round(erlangs, 4),
            Math.Round(ErlangC.ServiceLevel(staffed, erlangs, request.HandleSeconds, request.WithinSeconds), 4),
            Math.Round(ErlangC.AverageSpeedOfAnswerSeconds(staffed, erlangs, request.HandleSeconds), 2),
            Math.Round(erlangs / staffed, 4),
            Method(request));
    }

    /// <summary>
    /// How many contacts of a channel one agent of <paramref name="profile"/> holds at once: as many as its units
    /// allow, capped by the profile's per-channel maximum.
    /// </summary>
    public static int ConcurrencyOf(CapacityProfile profile, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var byUnits = Math.Max(1, profile.Total / Math.Max(1, profile.CostOf(channel)));
        return profile.MaxPerChannel.TryGetValue(channel, out var max) ? Math.Max(1, Math.Min(max, byUnits)) : byUnits;
    }

    private static bool Meets(StaffingRequest request, int places, double erlangs) =>
        ErlangC.ServiceLevel(places, erlangs, request.HandleSeconds, request.WithinSeconds) >= request.ServiceLevel
        && (request.MaxOccupancy is not { } ceiling || erlangs / places <= ceiling);

    private static string Method(StaffingRequest request) => request.Concurrency == 1 ? "erlang-c" : "erlang-c-over-places";
}
