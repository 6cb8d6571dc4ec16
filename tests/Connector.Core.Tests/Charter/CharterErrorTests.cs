using Connector.Core.Charter;
using static Connector.Core.Tests.Charter.CharterAssert;

namespace Connector.Core.Tests.Charter;

public sealed class CharterErrorTests
{
    [Theory]
    [InlineData("routing:\n  missedOffersBeforeAway: 3\n  offlineGrace: 1m: 30s\n", 3)]
    [InlineData("routing:\n  offlineGrace: \"1m\n  priorityMinutes: 5\n", 2)]
    [InlineData("journeys:\n  billing:\n    preferredChannels: [chat, voice\n", 4)]
    [InlineData("routing: [1, 2\nqueues: {}\n", 1)]
    public void A_yaml_syntax_error_is_named_with_file_and_the_line_the_parser_stopped_at(string yaml, int line)
    {
        var exception = Invalid(yaml);

        var error = Assert.Single(exception.Errors);
        Assert.Equal((FileName, line), (error.File, error.Line));
        Assert.StartsWith($"charter.yaml:{line}:", exception.Message, StringComparison.Ordinal);
        Assert.Contains("YAML syntax error", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_section_is_named_with_the_closest_section()
    {
        SingleError("""
            routing:
              missedOffersBeforeAway: 3
            queus:
              billing: {}
            """, 3, "queus", "unknown section; did you mean queues?");
    }

    [Fact]
    public void A_misspelt_key_is_named_with_file_line_and_field_and_the_key_it_probably_meant()
    {
        var error = SingleError("""
            channels:
              voice:
                offerTimout: 20s
            """, 3, "channels.voice.offerTimout", "unknown key; did you mean offerTimeout?");

        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void A_key_unlike_any_known_one_is_answered_with_the_allowed_keys()
    {
        SingleError("""
            routing:
              colour: blue
            """, 2, "routing.colour", "unknown key; allowed: missedOffersBeforeAway, offlineGrace, priorityMinutes");
    }

    [Fact]
    public void An_unknown_channel_is_named_with_file_line_and_field_and_the_allowed_channels()
    {
        SingleError("""
            channels:
              voice:
                offerTimeout: 20s
              phone:
                offerTimeout: 20s
            """, 4, "channels.phone", "unknown channel 'phone' (allowed: voice, chat, whatsapp, email)");
    }

    [Fact]
    public void A_channel_name_is_exact_and_a_near_miss_is_corrected()
    {
        SingleError("""
            journeys:
              billing:
                preferredChannels: [chat, WhatsApp]
            queues:
              billing: {}
            """, 3, "journeys.billing.preferredChannels[1]", "unknown channel 'WhatsApp'; did you mean whatsapp?");
    }

    [Fact]
    public void A_bad_duration_is_named_with_file_line_and_field_and_the_accepted_spellings()
    {
        SingleError("""
            channels:
              chat:
                offerTimeout: 5 minutes
            """, 3, "channels.chat.offerTimeout", "not a duration (got '5 minutes'); write e.g. 20s, 5m, 2h, 1d, 1m30s or 00:00:20");
    }

    [Fact]
    public void A_proficiency_out_of_range_is_named_with_its_step_index()
    {
        var error = SingleError("""
            queues:
              billing:
                steps:
                  - kind: preferredAgent
                  - kind: requiredSkills
                    minProficiency: 12
            """, 6, "queues.billing.steps[1].minProficiency", "must be between 1 and 10 (got 12)");

        Assert.Equal("charter.yaml:6:25: queues.billing.steps[1].minProficiency: must be between 1 and 10 (got 12)", error.ToString());
    }

    [Theory]
    [InlineData("queues:\n  billing:\n    rank: 0\n", 3, "queues.billing.rank", "must be at least 1 (got 0)")]
    [InlineData("queues:\n  billing:\n    skills:\n      billing: 11\n", 4, "queues.billing.skills.billing", "must be between 1 and 10 (got 11)")]
    [InlineData("capacityProfiles:\n  senior:\n    total: 0\n", 3, "capacityProfiles.senior.total", "must be at least 1 (got 0)")]
    [InlineData("capacityProfiles:\n  senior:\n    cost:\n      chat: 0\n", 4, "capacityProfiles.senior.cost.chat", "must be between 1 and 100, the profile's total (got 0)")]
    [InlineData("journeys:\n  voice:\n    preferredChannels: [voice]\n    priority: 150\n", 4, "journeys.voice.priority", "must be between -100 and 100 (got 150)")]
    [InlineData("routing:\n  missedOffersBeforeAway: 0\n", 2, "routing.missedOffersBeforeAway", "must be at least 1 (got 0)")]
    [InlineData("routing:\n  missedOffersBeforeAway: three\n", 2, "routing.missedOffersBeforeAway", "must be a whole number (got 'three')")]
    public void A_number_out_of_range_is_named_with_its_bounds(string yaml, int line, string field, string message)
    {
        SingleError(yaml, line, field, message);
    }

    [Fact]
    public void An_unknown_selection_method_is_named_with_the_allowed_methods()
    {
        SingleError("""
            queues:
              billing:
                selection: roundRobin
            """, 3, "queues.billing.selection", "unknown selection 'roundRobin' (allowed: longestIdle, mostFreeCapacity, bestSkillMatch)");
    }

    [Fact]
    public void An_unknown_step_kind_is_named_with_the_allowed_kinds()
    {
        SingleError("""
            queues:
              billing:
                steps:
                  - kind: anybody
                    after: 0s
            """, 4, "queues.billing.steps[0].kind",
            "unknown step kind 'anybody' (allowed: preferredAgent, requiredSkills, relaxedSkills, overflowQueue, anyAgent)");
    }

    [Fact]
    public void A_journey_naming_an_undefined_queue_is_named_with_the_defined_queues()
    {
        SingleError("""
            journeys:
              billing:
                preferredChannels: [voice]
                queue: biling
            queues:
              billing: {}
            """, 4, "journeys.billing.queue", "unknown queue 'biling'; did you mean billing? (defined queues: billing,");
    }

    [Fact]
    public void A_journey_without_a_queue_needs_a_queue_of_its_own_name()
    {
        SingleError("""
            journeys:
              refunds:
                preferredChannels: [email]
            """, 2, "journeys.refunds.queue", "unknown queue 'refunds'");
    }

    [Fact]
    public void An_overflow_to_an_undefined_queue_is_named_with_its_step()
    {
        SingleError("""
            queues:
              technical:
                steps:
                  - kind: requiredSkills
                  - kind: overflowQueue
                    after: 5m
                    overflowQueue: generall
            """, 7, "queues.technical.steps[1].overflowQueue", "unknown queue 'generall'");
    }

    [Fact]
    public void A_channel_sent_to_an_undefined_journey_is_named_with_the_defined_journeys()
    {
        SingleError("""
            journeys:
              billing:
                preferredChannels: [voice]
            queues:
              billing: {}
            channelJourneys:
              voice: billing
              chat: support
            """, 8, "channelJourneys.chat", "unknown journey 'support' (defined journeys: billing, chat, email, voice, whatsapp)");
    }

    [Fact]
    public void Steps_must_not_go_back_in_time()
    {
        SingleError("""
            queues:
              billing:
                steps:
                  - kind: requiredSkills
                    after: 0s
                  - kind: relaxedSkills
                    after: 2m
                  - kind: anyAgent
                    after: 90s
            """, 9, "queues.billing.steps[2].after", "must not be earlier than the previous step's after (2m)");
    }

    [Fact]
    public void An_overflow_step_must_name_the_queue_it_overflows_to()
    {
        SingleError("""
            queues:
              technical:
                steps:
                  - kind: requiredSkills
                  - kind: overflowQueue
                    after: 5m
            """, 5, "queues.technical.steps[1].overflowQueue", "an overflowQueue step must name the queue to overflow to");
    }

    [Fact]
    public void An_overflow_step_cannot_point_at_its_own_queue()
    {
        SingleError("""
            queues:
              technical:
                steps:
                  - kind: overflowQueue
                    overflowQueue: technical
            """, 5, "queues.technical.steps[0].overflowQueue", "cannot overflow to its own queue 'technical'");
    }

    [Fact]
    public void A_capacity_profile_without_a_cost_for_a_channel_cannot_take_that_channel_and_that_is_not_an_error()
    {
        var policy = Valid("""
            capacityProfiles:
              emailOnly:
                total: 100
                cost:
                  email: 10
            """);

        var profile = policy.CapacityProfiles["emailOnly"];
        Assert.Equal(10, profile.CostOf(Core.Channels.Channel.Email));
        Assert.True(profile.CostOf(Core.Channels.Channel.Voice) > profile.Total);
    }

    [Fact]
    public void A_cost_above_the_profiles_total_is_an_error()
    {
        SingleError("""
            capacityProfiles:
              senior:
                total: 120
                cost:
                  voice: 150
            """, 5, "capacityProfiles.senior.cost.voice", "must be between 1 and 120, the profile's total (got 150)");
    }

    [Fact]
    public void A_journey_must_name_at_least_one_preferred_channel()
    {
        SingleError("""
            journeys:
              billing:
                preferredChannels: []
            queues:
              billing: {}
            """, 3, "journeys.billing.preferredChannels", "must name at least one channel");
    }

    [Fact]
    public void A_charter_with_several_errors_reports_all_of_them_in_file_order()
    {
        var exception = Invalid("""
            journeys:
              billing:
                preferredChannels: [chat, fax]
                queue: nowhere
                priority: 500
            queues:
              billing:
                selection: random
                steps:
                  - kind: requiredSkills
                    minProficiency: 0
            channels:
              email:
                offerTimout: 2m
                wrapUp: soon
            routing:
              missedOffersBeforeAway: 0
            """);

        Assert.Equal(
            [
                "charter.yaml:3:31: journeys.billing.preferredChannels[1]: unknown channel 'fax' (allowed: voice, chat, whatsapp, email)",
                "charter.yaml:4:12: journeys.billing.queue: unknown queue 'nowhere' (defined queues: billing, chat, email, voice, whatsapp)",
                "charter.yaml:5:15: journeys.billing.priority: must be between -100 and 100 (got 500)",
                "charter.yaml:8:16: queues.billing.selection: unknown selection 'random' (allowed: longestIdle, mostFreeCapacity, bestSkillMatch)",
                "charter.yaml:11:25: queues.billing.steps[0].minProficiency: must be between 1 and 10 (got 0)",
                "charter.yaml:14:5: channels.email.offerTimout: unknown key; did you mean offerTimeout?",
                "charter.yaml:15:13: channels.email.wrapUp: not a duration (got 'soon'); write e.g. 20s, 5m, 2h, 1d, 1m30s or 00:00:20",
                "charter.yaml:17:27: routing.missedOffersBeforeAway: must be at least 1 (got 0)",
            ],
            exception.Errors.Select(e => e.ToString()));
        Assert.Equal(string.Join(Environment.NewLine, exception.Errors), exception.Message);
    }

    [Theory]
    [InlineData("capacityProfiles:\n  standard:\n    mayInterrupt:\n      voice: [voice]\n", 4, "capacityProfiles.standard.mayInterrupt.voice[0]", "a channel cannot interrupt itself")]
    [InlineData("capacityProfiles:\n  small:\n    total: 50\n", 3, "capacityProfiles.small.total", "is below the standard cost of voice (100); give cost for each channel")]
    [InlineData("journeys:\n  voice:\n    preferredChannels: [voice, voice]\n", 3, "journeys.voice.preferredChannels[1]", "voice is listed twice")]
    [InlineData("journeys:\n  voice:\n    queue: voice\n", 2, "journeys.voice.preferredChannels", "required")]
    [InlineData("queues:\n  billing:\n    steps: []\n", 3, "queues.billing.steps", "a queue needs at least one step")]
    [InlineData("queues:\n  billing:\n    steps:\n      - after: 0s\n", 4, "queues.billing.steps[0].kind", "required (one of: preferredAgent")]
    [InlineData("queues:\n  billing:\n    steps:\n      - kind: anyAgent\n        minProficiency: 5\n", 5, "queues.billing.steps[0].minProficiency", "applies only to requiredSkills steps")]
    [InlineData("channels:\n  chat:\n    offerTimeout: 0s\n", 3, "channels.chat.offerTimeout", "must be longer than 0s")]
    [InlineData("channels:\n  chat:\n    autoAccept: maybe\n", 3, "channels.chat.autoAccept", "must be true or false (got 'maybe')")]
    [InlineData("channels:\n  chat:\n    wrapUp:\n", 3, "channels.chat.wrapUp", "needs a value")]
    [InlineData("routing:\n  priorityMinutes: 0\n", 2, "routing.priorityMinutes", "must be greater than 0")]
    [InlineData("routing: [1, 2]\n", 1, "routing", "must be a mapping")]
    [InlineData("routing:\n  offlineGrace: 1m\n---\nrouting: {}\n", 4, "", "a charter is one YAML document")]
    public void Other_mistakes_are_named_with_line_and_field_too(string yaml, int line, string field, string message)
    {
        var exception = Invalid(yaml);
        var error = Assert.Single(exception.Errors);
        Assert.Equal((line, field), (error.Line, error.Field));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named_by_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yaml");

        var exception = Assert.Throws<CharterException>(() => CharterLoader.Load(path));

        Assert.StartsWith($"{path}: cannot be read", exception.Message, StringComparison.Ordinal);
    }
}
