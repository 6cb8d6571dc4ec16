using Connector.Core.Channels;
using Connector.Core.Qa;
using Connector.Core.Tests.Charter;

namespace Connector.Core.Tests.Qa;

public sealed class QaCharterTests
{
    [Fact]
    public void A_qa_form_is_read_with_its_channels_queues_sections_weighted_questions_choices_and_answerers()
    {
        var policy = CharterAssert.Valid("""
            queues:
              support: {}
            qa:
              forms:
                standard:
                  channels: [chat, voice]
                  queues: [support]
                  sections:
                    opening:
                      greeting:
                        text: Did the agent greet the customer?
                        weight: 10
                        rule: { phrases: [hello, good morning], in: first }
                    compliance:
                      disclosure:
                        weight: 5
                        channels: [voice]
                        na: false
                        rule: { phrases: [recorded], in: first, turns: 2 }
                      courteous:
                        weight: 5
                        rule: { phrases: [calm down], absent: true }
                    timeliness:
                      speed: { weight: 20, metric: firstResponse, within: 1m }
                      length: { weight: 5, metric: handleTime, within: 15m }
                      mood: { weight: 5, metric: sentimentImproves }
                      clarity:
                        weight: 10
                        choices: { good: 100, partly: 50, poor: 0 }
                        ai: Was the explanation clear?
            """);

        var form = Assert.Single(policy.QaForms);
        Assert.Equal("standard", form.Name);
        Assert.Equal([Channel.Chat, Channel.Voice], form.Channels);
        Assert.True(form.AppliesTo(Channel.Chat, "support"));
        Assert.False(form.AppliesTo(Channel.Chat, "billing"));
        Assert.False(form.AppliesTo(Channel.Email, "support"));
        Assert.Equal(["opening", "compliance", "timeliness"], form.Sections.Select(s => s.Name));
        var greeting = form.Questions.Single(q => q.Id == "greeting");
        Assert.Equal(("Did the agent greet the customer?", 10.0, true), (greeting.Text, greeting.Weight, greeting.AllowNa));
        Assert.Equal(new PhraseRule(["hello", "good morning"], TurnScope.First, 1, false).Phrases, ((PhraseRule)greeting.Answerer).Phrases);
        var disclosure = form.Questions.Single(q => q.Id == "disclosure");
        Assert.Equal([Channel.Voice], disclosure.Channels);
        Assert.Equal((false, TurnScope.First, 2), (disclosure.AllowNa, ((PhraseRule)disclosure.Answerer).In, ((PhraseRule)disclosure.Answerer).Turns));
        Assert.True(((PhraseRule)form.Questions.Single(q => q.Id == "courteous").Answerer).Absent);
        Assert.Equal(new MetricRule(QaMetric.FirstResponse, TimeSpan.FromMinutes(1)), form.Questions.Single(q => q.Id == "speed").Answerer);
        Assert.Equal(new MetricRule(QaMetric.SentimentImproves, null), form.Questions.Single(q => q.Id == "mood").Answerer);
        var clarity = form.Questions.Single(q => q.Id == "clarity");
        Assert.Equal(new AiQuestion("Was the explanation clear?"), clarity.Answerer);
        Assert.Equal(0.5, clarity.Share("partly"));
    }

    [Fact]
    public void A_charter_without_qa_has_no_forms()
    {
        Assert.Empty(CharterAssert.Valid("dispositions: []").QaForms);
    }

    [Fact]
    public void A_question_without_a_weight_is_refused_naming_its_field_and_line()
    {
        CharterAssert.SingleError("""
            qa:
              forms:
                standard:
                  sections:
                    opening:
                      greeting:
                        rule: { phrases: [hello] }
            """, 7, "qa.forms.standard.sections.opening.greeting.weight", "required");
    }

    [Fact]
    public void A_misspelt_metric_is_refused_with_the_closest_metric_suggested()
    {
        CharterAssert.SingleError("""
            qa:
              forms:
                standard:
                  sections:
                    timeliness:
                      speed: { weight: 10, metric: firstResponce }
            """, 6, "qa.forms.standard.sections.timeliness.speed.metric", "did you mean firstResponse?");
    }

    [Fact]
    public void A_question_answered_by_both_a_rule_and_a_metric_is_refused()
    {
        CharterAssert.SingleError("""
            qa:
              forms:
                standard:
                  sections:
                    opening:
                      greeting: { weight: 10, rule: { phrases: [hello] }, metric: handleTime }
            """, 6, "qa.forms.standard.sections.opening.greeting", "not by rule and metric");
    }

    [Fact]
    public void Handle_time_without_its_limit_is_refused()
    {
        CharterAssert.SingleError("""
            qa:
              forms:
                standard:
                  sections:
                    timeliness:
                      length: { weight: 10, metric: handleTime }
            """, 6, "qa.forms.standard.sections.timeliness.length.within", "required for handleTime");
    }

    [Fact]
    public void A_form_naming_an_undefined_queue_is_refused_with_the_defined_queues()
    {
        CharterAssert.SingleError("""
            queues:
              support: {}
            qa:
              forms:
                standard:
                  queues: [suport]
                  sections:
                    opening:
                      greeting: { weight: 10, rule: { phrases: [hello] } }
            """, 6, "qa.forms.standard.queues[0]", "did you mean support?");
    }

    [Fact]
    public void A_question_on_a_channel_its_form_does_not_score_is_refused()
    {
        CharterAssert.SingleError("""
            qa:
              forms:
                email:
                  channels: [email]
                  sections:
                    compliance:
                      disclosure: { weight: 10, channels: [voice], rule: { phrases: [recorded] } }
            """, 7, "qa.forms.email.sections.compliance.disclosure.channels", "voice is not one of the form's channels (email)");
    }

    [Fact]
    public void A_rule_whose_choices_lack_yes_and_no_is_refused()
    {
        CharterAssert.SingleError("""
            qa:
              forms:
                standard:
                  sections:
                    opening:
                      greeting: { weight: 10, choices: { good: 100, poor: 0 }, rule: { phrases: [hello] } }
            """, 6, "qa.forms.standard.sections.opening.greeting.choices", "must include yes and no");
    }

    [Fact]
    public void The_same_question_id_twice_in_a_form_is_refused()
    {
        CharterAssert.SingleError("""
            qa:
              forms:
                standard:
                  sections:
                    opening:
                      greeting: { weight: 10, rule: { phrases: [hello] } }
                    closing:
                      greeting: { weight: 10, rule: { phrases: [bye] } }
            """, 8, "qa.forms.standard.sections.closing.greeting", "used twice");
    }
}
