using Connector.Core.Channels;
using Connector.Core.Charter;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Tests.Charter;

public sealed class SampleCharterTests
{
    private static readonly RoutingPolicy Sample = CharterLoader.Load(SamplePath());

    // The sample ships with the Worker; the tests read that very file so it can never drift from the format.
    private static string SamplePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Connector.Worker", "charter.sample.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Connector.Worker/charter.sample.yaml not found above the test output.");
    }

    [Fact]
    public void The_sample_charter_names_its_insight_topics_with_rules_and_examples()
    {
        Assert.Equal(["billing", "outage", "cancellation"], Sample.Insights.Topics.Select(t => t.Name));
        Assert.All(Sample.Insights.Topics, t => Assert.True(t.HasRule && t.Examples.Count > 0, t.Name));
        Assert.Equal(0.45, Sample.Insights.Threshold);
    }

    [Fact]
    public void The_sample_charter_maps_its_journeys()
    {
        var billing = Sample.Journeys["billing"];
        Assert.Equal([Channel.Chat, Channel.Voice, Channel.Email], billing.PreferredChannels);
        Assert.Equal("billing", billing.Queue);
        Assert.Equal(4, billing.Skills["billing"]);
        Assert.Equal(10, billing.Priority);
        Assert.Equal("en", billing.Language);
        Assert.Null(Sample.Journeys["technical"].Language);
    }

    [Fact]
    public void The_sample_charter_sends_every_channel_to_one_of_its_journeys_and_needs_no_built_in_queue()
    {
        Assert.Equal("billing", Sample.ChannelJourneys[Channel.Voice]);
        Assert.Equal("technical", Sample.ChannelJourneys[Channel.WhatsApp]);
        Assert.Equal(["billing", "general", "technical"], Sample.Queues.Keys.Order());
        Assert.Equal(["billing", "technical"], Sample.Journeys.Keys.Order());
    }

    [Fact]
    public void The_sample_charter_overflows_technical_to_general_after_five_minutes()
    {
        var technical = Sample.Queues["technical"];
        Assert.Equal(SelectionMethod.BestSkillMatch, technical.Selection);
        Assert.Equal(
            [RoutingStepKind.PreferredAgent, RoutingStepKind.RequiredSkills, RoutingStepKind.RelaxedSkills, RoutingStepKind.OverflowQueue, RoutingStepKind.AnyAgent],
            technical.Steps.Select(s => s.Kind));
        Assert.Equal(new RoutingStep(RoutingStepKind.OverflowQueue, TimeSpan.FromMinutes(5), OverflowQueue: "general"), technical.Steps[3]);
        Assert.Equal(TimeSpan.FromDays(3), technical.Steps[0].PreferenceExpiry);
        Assert.Equal(6, technical.Steps[1].MinProficiency);
        Assert.Equal(1, Sample.Queues["general"].Skills["general"]);
        Assert.Equal(5, Sample.Queues["general"].Rank);
    }

    [Fact]
    public void The_sample_charter_has_a_standard_and_a_senior_capacity_profile()
    {
        var standard = Sample.CapacityProfiles["standard"];
        Assert.Equal(CapacityProfile.Standard.Cost, standard.Cost);
        Assert.Equal(2, standard.MaxPerChannel[Channel.Chat]);
        Assert.Equal([Channel.Email], standard.MayInterrupt[Channel.Voice]);

        var senior = Sample.CapacityProfiles["senior"];
        Assert.Equal(120, senior.Total);
        Assert.Equal(30, senior.CostOf(Channel.Chat));
        Assert.Equal(3, senior.MaxPerChannel[Channel.WhatsApp]);
        Assert.True(senior.MayInterrupt[Channel.Voice].SetEquals([Channel.Email, Channel.WhatsApp]));
    }

    [Fact]
    public void The_sample_charter_sets_the_channel_policies_and_engine_settings()
    {
        Assert.Null(Sample.For(Channel.Voice).FirstResponseWithin);
        Assert.Equal(TimeSpan.FromMinutes(1), Sample.For(Channel.Chat).AnswerWithin);
        Assert.Equal(TimeSpan.FromMinutes(1), Sample.For(Channel.WhatsApp).OfferTimeout);
        Assert.True(Sample.For(Channel.Email).AutoAccept);
        Assert.Equal(TimeSpan.FromHours(8), Sample.For(Channel.Email).FirstResponseWithin);
        Assert.Equal(3, Sample.MissedOffersBeforeAway);
        Assert.Equal(TimeSpan.FromMinutes(1), Sample.OfflineGrace);
        Assert.Equal(10, Sample.PriorityMinutes);
    }

    [Fact]
    public void The_sample_charter_lists_dispositions_some_for_certain_channels_only()
    {
        Assert.Equal(["resolved", "callback-requested", "escalated", "follow-up-email", "no-answer", "wrong-number", "spam"], Sample.Dispositions.Select(d => d.Code));
        Assert.Contains("no-answer", Sample.DispositionsFor(Channel.Voice).Select(d => d.Code));
        Assert.DoesNotContain("no-answer", Sample.DispositionsFor(Channel.Chat).Select(d => d.Code));
        Assert.Equal(Enum.GetValues<Channel>(), Sample.Dispositions[0].Channels);
    }

    [Fact]
    public void The_sample_charter_keeps_recordings_shorter_in_Germany_and_messages_for_good_in_the_US()
    {
        Assert.Equal(TimeSpan.FromDays(30), Sample.Retention.For("DE", Connector.Core.Compliance.RetentionKind.Recordings));
        Assert.Equal(TimeSpan.FromDays(90), Sample.Retention.For("GB", Connector.Core.Compliance.RetentionKind.Recordings));
        Assert.Null(Sample.Retention.For("US", Connector.Core.Compliance.RetentionKind.Messages));
        Assert.Equal(TimeSpan.FromDays(730), Sample.Retention.For("DE", Connector.Core.Compliance.RetentionKind.Messages));
    }

    [Fact]
    public void The_sample_charter_adds_a_german_tax_id_to_what_is_redacted()
    {
        var redactor = new Connector.Core.Compliance.SensitiveDataRedactor(Sample.Redaction);

        Assert.Equal("meine [Steuer-ID redacted]", redactor.Redact("meine Steuer-ID 12 345 678 901"));
    }

    [Fact]
    public void The_sample_charter_scores_calls_chats_and_WhatsApp_on_one_form_and_email_on_another()
    {
        Assert.Equal(["standard", "email"], Sample.QaForms.Select(f => f.Name));
        Assert.True(Sample.QaForms[0].AppliesTo(Channel.Voice, "billing"));
        Assert.True(Sample.QaForms[1].AppliesTo(Channel.Email, null));
        Assert.Contains(Sample.QaForms[0].Questions, q => q.Answerer is Connector.Core.Qa.AiQuestion);
    }
}
