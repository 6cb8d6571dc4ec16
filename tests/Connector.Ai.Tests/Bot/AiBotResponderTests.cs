using Connector.Ai.Tests.Chat;
using Connector.Ai.Tests.Fakes;
using Connector.Core.Bot;
using Connector.Core.Charter;

namespace Connector.Ai.Tests.Bot;

/// <summary>
/// The bot with an AI service, against the fake OpenAI-compatible server: the answer is asked for as structured output
/// grounded in the retrieved FAQ entries, and anything unusable falls back to the embedded bot, saying so.
/// </summary>
public sealed class AiBotResponderTests
{
    private const string Question = "what time are you open on saturday?";

    private static readonly BotPolicy Policy = CharterLoader.Load(Path.Combine(LabelledUtterances.Folder, "bot-charter.yaml")).Bots["support"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_AI_answer_is_asked_for_as_structured_output_from_the_retrieved_entries_and_is_sent_with_its_sources()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible);
        world.Server.ReplyNext(new FakeChatReply.Content(
            """{"answer":"On Saturdays we're here from 9am to 5pm.","sources":["opening-hours"],"handOff":false,"handOffReason":null,"intent":"opening-hours"}"""));

        var reply = await world.Bot.RespondAsync(Policy, Question, 0, [], Ct);

        Assert.Equal((BotOutcome.Answered, "On Saturdays we're here from 9am to 5pm."), (reply.Decision.Outcome, reply.Text));
        Assert.Equal(["opening-hours"], reply.Sources);
        Assert.Equal($"ai (OpenAICompatible: {AiWorld.Deployment})", reply.Method);
        var request = Assert.Single(world.Server.Requests);
        Assert.Equal((200, "/v1/chat/completions"), (request.Status, request.Path));
        var format = request.Body!["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        var properties = format["json_schema"]!["schema"]!["properties"]!.AsObject();
        Assert.True(properties.ContainsKey("answer") && properties.ContainsKey("sources") && properties.ContainsKey("handOff"), properties.ToJsonString());
        var prompt = request.Body["messages"]!.AsArray()[1]!["content"]!.ToJsonString();
        Assert.Contains("id: opening-hours", prompt, StringComparison.Ordinal);
        Assert.Contains(Question, prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_AI_falls_back_to_the_embedded_answer_and_says_429()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible);
        world.Server.ReplyNext(new FakeChatReply.Throttled());

        var reply = await world.Bot.RespondAsync(Policy, Question, 0, [], Ct);

        Assert.Equal((BotOutcome.Answered, "opening-hours"), (reply.Decision.Outcome, reply.Decision.FaqId));
        Assert.Contains("Saturday 9am", reply.Text, StringComparison.Ordinal);
        Assert.Equal("embedded (AI fell back: 429)", reply.Method);
    }

    [Theory]
    [InlineData("Sure! We open at nine.")]
    [InlineData("""{"answer":"We are open 24 hours a day.","sources":["store-locations-we-never-gave"],"handOff":false}""")]
    public async Task An_answer_that_is_not_the_schema_or_cites_an_entry_it_was_not_given_falls_back_to_the_embedded_answer(string content)
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible);
        world.Server.ReplyNext(new FakeChatReply.Content(content));

        var reply = await world.Bot.RespondAsync(Policy, Question, 0, [], Ct);

        Assert.Equal("opening-hours", reply.Decision.FaqId);
        Assert.Equal("embedded (AI fell back: malformed answer)", reply.Method);
        Assert.DoesNotContain(world.Log.Lines, l => l.Contains(AiWorld.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_for_a_person_is_handed_off_by_the_charters_rule_without_asking_the_AI()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible);

        var reply = await world.Bot.RespondAsync(Policy, "I want to speak to a person please", 0, [], Ct);

        Assert.Equal((BotOutcome.HandedOff, BotHandOffReason.ExplicitRequest), (reply.Decision.Outcome, reply.Decision.Reason));
        Assert.Empty(world.Server.Requests);
    }
}
