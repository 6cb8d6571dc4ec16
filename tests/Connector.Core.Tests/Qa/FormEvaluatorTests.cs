using Connector.Core.Channels;
using Connector.Core.Insight;
using Connector.Core.Qa;
using Connector.Core.Routing.Policy;
using Connector.Core.Tests.Charter;

namespace Connector.Core.Tests.Qa;

public sealed class FormEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly EvaluationForm Form = Assert.Single(CharterAssert.Valid("""
        qa:
          forms:
            standard:
              sections:
                opening:
                  greeting: { weight: 10, rule: { phrases: [hello, good morning], in: first } }
                  disclosure: { weight: 10, channels: [voice], na: false, rule: { phrases: [recorded], in: first, turns: 2 } }
                compliance:
                  courteous: { weight: 10, rule: { phrases: [calm down], absent: true } }
                timeliness:
                  speed: { weight: 10, metric: firstResponse }
                  mood: { weight: 10, metric: sentimentImproves }
                experience:
                  clarity: { weight: 10, choices: { good: 100, partly: 50, poor: 0 }, ai: Was the explanation clear? }
        """).QaForms);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static QaInteraction Chat(params (int Seconds, QaSpeaker Speaker, string Text)[] turns) => new(Channel.Chat, null,
        [.. turns.Select((t, i) => new QaTurn(i, t.Speaker, T0.AddSeconds(t.Seconds), t.Text, $"event-{i}"))]);

    private static Task<QaEvaluation> EvaluateAsync(QaInteraction interaction, FormEvaluator? evaluator = null) =>
        (evaluator ?? new FormEvaluator()).EvaluateAsync(Form, interaction, ChannelPolicy.Default(interaction.Channel), Ct);

    [Fact]
    public async Task A_greeting_found_cites_the_turn_it_was_found_in_and_a_miss_cites_the_turns_searched()
    {
        var found = await EvaluateAsync(Chat((0, QaSpeaker.Customer, "hi"), (10, QaSpeaker.Agent, "Hello there!"), (20, QaSpeaker.Agent, "Good morning")));
        var missed = await EvaluateAsync(Chat((0, QaSpeaker.Customer, "hi"), (10, QaSpeaker.Agent, "What's up?"), (20, QaSpeaker.Agent, "Hello")));

        var greeting = found.Answers.Single(a => a.Question == "greeting");
        Assert.Equal(("yes", 10.0, "1", "event-1"), (greeting.Choice, greeting.Points, string.Join(',', greeting.Turns), string.Join(',', greeting.Refs)));
        Assert.Contains("'hello'", greeting.Reason, StringComparison.Ordinal);
        var miss = missed.Answers.Single(a => a.Question == "greeting");
        Assert.Equal(("no", 0.0, "1"), (miss.Choice, miss.Points, string.Join(',', miss.Turns)));
    }

    [Fact]
    public async Task Words_that_must_not_be_said_answer_no_and_cite_the_turn_that_said_them()
    {
        var evaluation = await EvaluateAsync(Chat((0, QaSpeaker.Customer, "this is a joke"), (5, QaSpeaker.Agent, "Hello"), (9, QaSpeaker.Agent, "Please CALM  down.")));

        var courteous = evaluation.Answers.Single(a => a.Question == "courteous");
        Assert.Equal(("no", "2"), (courteous.Choice, string.Join(',', courteous.Turns)));
    }

    [Fact]
    public async Task The_first_response_is_measured_from_the_customers_first_message_against_the_channels_target()
    {
        // Chat's default first-response target is 2 minutes.
        var quick = await EvaluateAsync(Chat((0, QaSpeaker.Customer, "hi"), (119, QaSpeaker.Agent, "Hello")));
        var slow = await EvaluateAsync(Chat((0, QaSpeaker.Customer, "hi"), (121, QaSpeaker.Agent, "Hello")));

        Assert.Equal(("yes", "0,1"), (quick.Answers.Single(a => a.Question == "speed").Choice, string.Join(',', quick.Answers.Single(a => a.Question == "speed").Turns)));
        Assert.Equal("no", slow.Answers.Single(a => a.Question == "speed").Choice);
    }

    [Fact]
    public async Task On_voice_the_first_response_is_the_call_answered_within_its_answer_target()
    {
        QaTurn[] turns =
        [
            new(0, QaSpeaker.System, T0, QaTurn.CallStarted, "started"),
            new(1, QaSpeaker.System, T0.AddSeconds(25), QaTurn.CallConnected, "connected"),
            new(2, QaSpeaker.Agent, T0.AddSeconds(26), "Hello, this call is recorded", "transcript#1"),
        ];

        var evaluation = await EvaluateAsync(new QaInteraction(Channel.Voice, null, turns));

        var speed = evaluation.Answers.Single(a => a.Question == "speed");
        Assert.Equal(("no", "started,connected"), (speed.Choice, string.Join(',', speed.Refs)));
        Assert.Contains("target 20s", speed.Reason, StringComparison.Ordinal);
        Assert.Equal("yes", evaluation.Answers.Single(a => a.Question == "disclosure").Choice);
    }

    [Fact]
    public async Task Sentiment_and_ai_questions_are_na_without_a_scorer_or_an_ai_service_and_the_total_comes_from_the_rest()
    {
        var evaluation = await EvaluateAsync(Chat((0, QaSpeaker.Customer, "awful"), (5, QaSpeaker.Agent, "Hello"), (9, QaSpeaker.Customer, "great thanks")));

        Assert.Null(evaluation.Answers.Single(a => a.Question == "mood").Choice);
        Assert.Null(evaluation.Answers.Single(a => a.Question == "clarity").Choice);
        Assert.Null(evaluation.Answers.Single(a => a.Question == "disclosure").Choice);
        // greeting, courteous and speed answered yes: 30 of 30.
        Assert.Equal(100, evaluation.Score);
        Assert.Contains("no AI service", evaluation.Answers.Single(a => a.Question == "clarity").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_scorer_sentiment_rising_from_the_customers_first_to_last_turn_answers_yes_citing_both()
    {
        var evaluation = await EvaluateAsync(
            Chat((0, QaSpeaker.Customer, "awful"), (5, QaSpeaker.Agent, "Hello"), (8, QaSpeaker.Customer, "hmm"), (9, QaSpeaker.Customer, "great thanks")),
            new FormEvaluator(new WordScorer()));

        var mood = evaluation.Answers.Single(a => a.Question == "mood");
        Assert.Equal(("yes", "0,3"), (mood.Choice, string.Join(',', mood.Turns)));
        Assert.Contains("-0.80 → 0.70", mood.Reason, StringComparison.Ordinal);
        Assert.Contains("words", mood.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ai_answer_scores_its_choice_share_of_the_weight_and_one_citing_no_turn_is_left_na()
    {
        var interaction = Chat((0, QaSpeaker.Customer, "hi"), (5, QaSpeaker.Agent, "Hello"));

        var partly = await EvaluateAsync(interaction, new FormEvaluator(ai: new FixedAi(new QaAiAnswer("partly", "half clear", [1]))));
        var uncited = await EvaluateAsync(interaction, new FormEvaluator(ai: new FixedAi(new QaAiAnswer("good", "clear", []))));

        var clarity = partly.Answers.Single(a => a.Question == "clarity");
        Assert.Equal(("partly", 5.0, "1"), (clarity.Choice, clarity.Points, string.Join(',', clarity.Turns)));
        Assert.Equal(87.5, partly.Score);
        Assert.Null(uncited.Answers.Single(a => a.Question == "clarity").Choice);
    }

    [Fact]
    public async Task A_question_that_may_not_be_na_counts_as_no_when_the_agent_said_nothing_but_one_for_another_channel_stays_na()
    {
        QaTurn[] silent = [new(0, QaSpeaker.System, T0, QaTurn.CallStarted, "started"), new(1, QaSpeaker.Customer, T0.AddSeconds(3), "hello?", "transcript#1")];

        var voice = await EvaluateAsync(new QaInteraction(Channel.Voice, null, silent));
        var chat = await EvaluateAsync(Chat((0, QaSpeaker.Customer, "hello?")));

        Assert.Equal("no", voice.Answers.Single(a => a.Question == "disclosure").Choice);
        Assert.Null(voice.Answers.Single(a => a.Question == "greeting").Choice);
        Assert.Null(chat.Answers.Single(a => a.Question == "disclosure").Choice);
    }

    [Fact]
    public void A_phrase_matches_whole_words_any_case_curly_apostrophes_and_word_endings()
    {
        var matcher = new PhraseMatcher(["i've refunded", "apologi*", "thanks for calling"]);

        Assert.Equal("i've refunded", matcher.Find("OK, I\u2019ve REFUNDED it."));
        Assert.Equal("apologies", matcher.Find("My apologies!"));
        Assert.Equal("thanks for calling", matcher.Find("Thanks\nfor   calling,"));
        Assert.Null(matcher.Find("nothanks for calling"));
        Assert.Null(matcher.Find("I've refundeded"));
    }

    private sealed class WordScorer : ISentimentScorer
    {
        public ValueTask<SentimentScore> ScoreAsync(string text, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new SentimentScore(text.Contains("awful", StringComparison.Ordinal) ? -0.8 : text.Contains("great", StringComparison.Ordinal) ? 0.7 : 0, 0.9, "words"));
    }

    private sealed class FixedAi(QaAiAnswer answer) : IQaAiAnswerer
    {
        public ValueTask<QaAiAnswer?> AnswerAsync(FormQuestion question, AiQuestion ask, QaInteraction interaction, CancellationToken ct) => ValueTask.FromResult<QaAiAnswer?>(answer);
    }
}
