using Connector.Core.Channels;
using Connector.Worker.Staffing;

namespace Connector.Worker.Tests.Staffing;

/// <summary>The planner against Erlang C written out here the long way (factorial sums, not the planner's recursion).</summary>
public sealed class StaffingPlannerTests
{
    [Fact]
    public void Voice_at_100_calls_an_hour_of_180_s_with_80_percent_in_20_s_needs_exactly_Erlang_Cs_eight_agents()
    {
        var plan = StaffingPlanner.Plan(new StaffingRequest(Channel.Voice, 100, 180, 0.8, 20, 1, null));

        var expected = SmallestTeam(erlangs: 5, handle: 180, within: 20, target: 0.8);
        Assert.Equal(expected, plan.Agents);
        // The textbook figure for 5 erlangs at 80/20: 8 agents (7 answer only 74.0% in 20 s, 8 answer 88.0%).
        Assert.Equal(8, plan.Agents);
        Assert.Equal(8, plan.Places);
        Assert.Equal(5, plan.Erlangs);
        Assert.Equal(Math.Round(ServiceLevel(8, 5, 180, 20), 4), plan.ServiceLevel);
        Assert.InRange(plan.ServiceLevel, 0.875, 0.885);
        Assert.InRange(ServiceLevel(7, 5, 180, 20), 0.735, 0.745);
        Assert.Equal(Math.Round(5.0 / 8, 4), plan.Occupancy);
        Assert.Equal("erlang-c", plan.Method);
    }

    [Fact]
    public void A_ceiling_on_occupancy_adds_agents_beyond_what_the_service_level_needs()
    {
        // 5 erlangs on 8 agents is 62.5% busy: a 60% ceiling needs 9 (55.6%).
        var plan = StaffingPlanner.Plan(new StaffingRequest(Channel.Voice, 100, 180, 0.8, 20, 1, MaxOccupancy: 0.6));

        Assert.Equal(9, plan.Agents);
        Assert.True(plan.Occupancy <= 0.6);
    }

    [Fact]
    public void A_concurrent_channel_is_sized_over_places_and_rounded_up_to_whole_agents()
    {
        // 240 WhatsApp threads an hour of 10 minutes each: 40 erlangs of places; four threads per agent.
        var plan = StaffingPlanner.Plan(new StaffingRequest(Channel.WhatsApp, 240, 600, 0.8, 60, 4, null));

        var places = SmallestTeam(erlangs: 40, handle: 600, within: 60, target: 0.8);
        Assert.Equal((places + 3) / 4, plan.Agents);
        Assert.Equal(plan.Agents * 4, plan.Places);
        Assert.Equal("erlang-c-over-places", plan.Method);
    }

    [Fact]
    public void No_forecast_work_needs_no_agents()
    {
        var plan = StaffingPlanner.Plan(new StaffingRequest(Channel.Email, 0, 300, 0.8, 3600, 10, null));

        Assert.Equal((0, 0), (plan.Agents, plan.Places));
    }

    [Fact]
    public void The_standard_capacity_profile_gives_one_call_two_chats_four_whatsapp_threads_and_ten_emails()
    {
        var profile = Connector.Core.Routing.Policy.CapacityProfile.Standard;

        Assert.Equal(
            [1, 2, 4, 10],
            new[] { Channel.Voice, Channel.Chat, Channel.WhatsApp, Channel.Email }.Select(c => StaffingPlanner.ConcurrencyOf(profile, c)));
    }

    /// <summary>Smallest N with P(W ≤ t) ≥ target, from P(wait) = (Aᴺ/N!·N/(N−A)) / (Σₖ₌₀ᴺ⁻¹ Aᵏ/k! + Aᴺ/N!·N/(N−A)).</summary>
    internal static int SmallestTeam(double erlangs, double handle, double within, double target)
    {
        var n = (int)Math.Floor(erlangs) + 1;
        while (ServiceLevel(n, erlangs, handle, within) < target)
        {
            n++;
        }

        return n;
    }

    private static double ServiceLevel(int n, double a, double handle, double within)
    {
        double sum = 0, term = 1;
        for (var k = 0; k < n; k++)
        {
            sum += term;
            term = term * a / (k + 1);
        }

        // term is now Aᴺ/N!
        var top = term * n / (n - a);
        var waiting = top / (sum + top);
        return 1 - (waiting * Math.Exp(-(n - a) * within / handle));
    }
}
