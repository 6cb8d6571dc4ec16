using Connector.Core.Channels;
using Connector.Core.Routing.Policy;
using static Connector.Core.Tests.Charter.CharterAssert;

namespace Connector.Core.Tests.Charter;

public sealed class CharterDefaultsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("# nothing configured yet\n")]
    [InlineData("journeys:\nqueues:\nchannels: {}\n")]
    public void An_empty_charter_is_the_default_policy(string yaml)
    {
        var policy = Valid(yaml);
        var defaults = RoutingPolicy.Default();

        Assert.Equal(defaults.Channels, policy.Channels);
        Assert.Equal(defaults.ChannelJourneys, policy.ChannelJourneys);
        Assert.Equal(defaults.Queues.Keys.Order(), policy.Queues.Keys.Order());
        Assert.Equal(defaults.Queues["voice"].Steps, policy.Queues["voice"].Steps);
        Assert.Equal(defaults.Journeys.Keys.Order(), policy.Journeys.Keys.Order());
        Assert.Equal(defaults.Journeys["chat"].PreferredChannels, policy.Journeys["chat"].PreferredChannels);
        Assert.Equal([CapacityProfile.Standard], policy.CapacityProfiles.Values);
        Assert.Equal((3, TimeSpan.FromSeconds(60), 10d), (policy.MissedOffersBeforeAway, policy.OfflineGrace, policy.PriorityMinutes));
    }

    [Fact]
    public void A_channel_policy_keeps_the_channels_defaults_for_the_fields_it_leaves_out()
    {
        var policy = Valid("""
            channels:
              chat:
                offerTimeout: 45s
                firstResponseWithin: none
            """);

        Assert.Equal(ChannelPolicy.Default(Channel.Chat) with { OfferTimeout = TimeSpan.FromSeconds(45), FirstResponseWithin = null }, policy.For(Channel.Chat));
        Assert.Equal(ChannelPolicy.Default(Channel.Voice), policy.For(Channel.Voice));
    }

    [Fact]
    public void A_queue_keeps_the_default_rank_selection_and_steps_it_leaves_out()
    {
        var queue = Valid("""
            queues:
              voice:
                rank: 1
            """).Queues["voice"];

        Assert.Equal(QueueDefinition.Default("voice").Steps, queue.Steps);
        Assert.Equal((1, SelectionMethod.LongestIdle), (queue.Rank, queue.Selection));
    }

    [Fact]
    public void A_step_without_after_starts_with_the_previous_one_and_a_preferred_agent_step_expires_as_by_default()
    {
        var policy = Valid("""
            queues:
              voice:
                steps:
                  - kind: preferredAgent
                  - kind: requiredSkills
                    after: 1m30s
                    minProficiency: 7
                  - kind: relaxedSkills
              chat:
                steps:
                  - kind: preferredAgent
                    preferenceExpiry: none
            """);

        Assert.Equal(
            [
                new RoutingStep(RoutingStepKind.PreferredAgent, TimeSpan.Zero, PreferenceExpiry: TimeSpan.FromDays(7)),
                new RoutingStep(RoutingStepKind.RequiredSkills, TimeSpan.FromSeconds(90), MinProficiency: 7),
                new RoutingStep(RoutingStepKind.RelaxedSkills, TimeSpan.FromSeconds(90)),
            ],
            policy.Queues["voice"].Steps);
        Assert.Equal([new RoutingStep(RoutingStepKind.PreferredAgent, TimeSpan.Zero)], policy.Queues["chat"].Steps);
    }

    [Fact]
    public void Channels_not_sent_to_a_charter_journey_keep_their_default_journey_and_queue()
    {
        var policy = Valid("""
            journeys:
              billing:
                preferredChannels: [voice, chat]
                skills: { billing: 3 }
            channelJourneys:
              voice: billing
              chat: billing
            queues:
              billing: {}
            """);

        Assert.Equal("billing", policy.ChannelJourneys[Channel.Voice]);
        Assert.Equal("whatsapp", policy.ChannelJourneys[Channel.WhatsApp]);
        Assert.Equal("email", policy.ChannelJourneys[Channel.Email]);
        Assert.Equal(["billing", "email", "whatsapp"], policy.Journeys.Keys.Order());
        Assert.Equal(["billing", "email", "whatsapp"], policy.Queues.Keys.Order());
        Assert.Equal("billing", policy.Journeys["billing"].Queue);
        Assert.Equal(0, policy.Journeys["billing"].Priority);
    }

    [Fact]
    public void A_journey_may_name_a_built_in_channel_queue_without_defining_it()
    {
        var policy = Valid("""
            journeys:
              complaints:
                preferredChannels: [email]
                queue: email
            channelJourneys:
              email: complaints
            """);

        Assert.Equal(QueueDefinition.Default("email").Steps, policy.Queues["email"].Steps);
        Assert.Equal("complaints", policy.ChannelJourneys[Channel.Email]);
    }

    [Fact]
    public void A_capacity_profile_added_by_the_charter_leaves_the_standard_profile_in_place()
    {
        var policy = Valid("""
            capacityProfiles:
              senior:
                total: 200
            """);

        Assert.Equal(CapacityProfile.Standard, policy.CapacityProfiles["standard"]);
        Assert.Equal(200, policy.CapacityProfiles["senior"].Total);
        Assert.Equal(CapacityProfile.Standard.Cost, policy.CapacityProfiles["senior"].Cost);
    }

    [Fact]
    public void The_charter_is_loaded_from_a_file_and_errors_name_that_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"charter-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "routing:\n  priorityMinutes: 5\n  missedOffersBeforeAway: 0\n");
        try
        {
            var exception = Assert.Throws<Core.Charter.CharterException>(() => Core.Charter.CharterLoader.Load(path));
            Assert.Equal($"{path}:3:27: routing.missedOffersBeforeAway: must be at least 1 (got 0)", exception.Message);

            File.WriteAllText(path, "routing:\n  priorityMinutes: 5\n");
            Assert.Equal(5, Core.Charter.CharterLoader.Load(path).PriorityMinutes);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
