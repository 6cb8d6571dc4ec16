using System.Text.Json.Nodes;
using Connector.Ai.Assist;
using Connector.Ai.Tests.Chat;
using Connector.Ai.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Ai.Tests.Assist;

/// <summary>The drafted reply against the fake OpenAI-compatible server: structured output, grounded in the sources given.</summary>
public sealed class AiAssistDrafterTests
{
    private static readonly AssistTurn[] Messages =
    [
        new(true, "Hi, I returned the shoes last week. When will I get my money back?"),
        new(false, "Let me check that for you."),
        new(true, "The order was A-12345"),
    ];

    private static readonly AssistSource[] Sources =
    [
        new("article", "0193a000-0000-7000-8000-000000000001", "Refunds", "Refunds are paid to the card used, within 5 working days of the return reaching us."),
        new("reply", "0193a000-0000-7000-8000-000000000002", "Reviewed reply", "I've issued a refund for order {order}, it will reach your account within {number} working days."),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_draft_is_asked_for_as_structured_output_with_the_sources_and_last_messages_and_its_answer_is_used()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible);
        world.Server.ReplyNext(new FakeChatReply.Content(
            """{"draft":"Your refund for order {order} will reach your card within 5 working days.","sources":["article:0193a000-0000-7000-8000-000000000001"]}"""));

        var draft = await world.Drafter.DraftAsync(Messages, Sources, Ct);

        Assert.Equal("Your refund for order {order} will reach your card within 5 working days.", draft.Text);
        Assert.Equal(["article:0193a000-0000-7000-8000-000000000001"], draft.Sources);
        Assert.Equal("ai (OpenAICompatible: cc-sentiment)", draft.Method);
        Assert.Null(draft.Reason);
        var request = Assert.Single(world.Server.Requests);
        Assert.Equal((200, "/v1/chat/completions"), (request.Status, request.Path));
        var format = request.Body!["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        var properties = format["json_schema"]!["schema"]!["properties"]!.AsObject();
        Assert.True(properties.ContainsKey("draft") && properties.ContainsKey("sources"), properties.ToJsonString());
        var prompt = request.Body["messages"]!.AsArray()[1]!["content"]!.ToJsonString();
        Assert.Contains("article:0193a000-0000-7000-8000-000000000001", prompt, StringComparison.Ordinal);
        Assert.Contains("reply:0193a000-0000-7000-8000-000000000002", prompt, StringComparison.Ordinal);
        Assert.Contains("The order was A-12345", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_answer_gives_no_draft_and_says_429_without_a_retry()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible);
        world.Server.ReplyNext(new FakeChatReply.Throttled());

        var draft = await world.Drafter.DraftAsync(Messages, Sources, Ct);

        Assert.Null(draft.Text);
        Assert.Equal("AI fell back: 429", draft.Reason);
        Assert.Equal(429, Assert.Single(world.Server.Requests).Status);
    }

    [Fact]
    public async Task An_answer_later_than_the_timeout_gives_no_draft_and_says_timed_out()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible, timeout: TimeSpan.FromSeconds(1));
        world.Server.ReplyNext(new FakeChatReply.Hang());

        var draft = await world.Drafter.DraftAsync(Messages, Sources, Ct);

        Assert.Equal((null, "AI fell back: timed out"), (draft.Text, draft.Reason));
    }

    [Theory]
    [InlineData("Sure, here is a reply: your refund is on its way.")]
    [InlineData("""{"draft":"","sources":[]}""")]
    [InlineData("""{"draft":"Your refund is on its way.","sources":["article:not-one-we-gave"]}""")]
    public async Task A_malformed_answer_or_one_citing_a_source_it_was_not_given_gives_no_draft(string content)
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible);
        world.Server.ReplyNext(new FakeChatReply.Content(content));

        var draft = await world.Drafter.DraftAsync(Messages, Sources, Ct);

        Assert.Null(draft.Text);
        Assert.Equal("AI fell back: malformed answer", draft.Reason);
        Assert.Contains(world.Log.Lines, l => l.Contains("malformed answer", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Log.Lines, l => l.Contains(AiWorld.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_AI_service_there_is_no_draft_and_the_reason_says_so()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        await using var services = new ServiceCollection().AddLogging().AddConnectorAi(configuration).BuildServiceProvider();

        var draft = await services.GetRequiredService<IAssistDrafter>().DraftAsync(Messages, Sources, Ct);

        Assert.Equal((null, NoAiAssistDrafter.Reason), (draft.Text, draft.Reason));
    }
}
