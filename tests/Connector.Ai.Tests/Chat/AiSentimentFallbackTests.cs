using System.Text.Json.Nodes;
using Connector.Ai.Tests.Fakes;

namespace Connector.Ai.Tests.Chat;

public sealed class AiSentimentFallbackTests
{
    private const string Sarcasm = "Great, another two hours on hold. Just great.";

    [Fact]
    public async Task An_OpenAI_compatible_service_is_asked_for_structured_output_and_its_answer_is_used()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible);
        world.Server.ReplyNext(new FakeChatReply.Content("""{"sentiment":-0.8,"confidence":0.9}"""));

        var score = await world.Scorer.ScoreAsync(Sarcasm, TestContext.Current.CancellationToken);

        Assert.Equal(-0.8, score.Value, 3);
        Assert.Equal(0.9, score.Confidence, 3);
        Assert.Equal("ai (OpenAICompatible: cc-sentiment)", score.Method);
        var request = Assert.Single(world.Server.Requests);
        Assert.Equal(200, request.Status);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {AiWorld.Key}", request.Authorization);
        Assert.Equal(AiWorld.Deployment, request.Body!["model"]!.GetValue<string>());
        var messages = request.Body["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Contains(Sarcasm, messages[1]!["content"]!.ToJsonString().Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        AssertAsksForTheSentimentSchema(request.Body);
    }

    [Fact]
    public async Task Azure_OpenAI_is_called_on_its_deployment_with_an_api_version_and_the_api_key_header()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.AzureOpenAI);
        world.Server.ReplyNext(new FakeChatReply.Content("""{"sentiment":0.7,"confidence":0.8}"""));

        var score = await world.Scorer.ScoreAsync("Thanks, that fixed it.", TestContext.Current.CancellationToken);

        Assert.Equal("ai (AzureOpenAI: cc-sentiment)", score.Method);
        Assert.Equal(0.7, score.Value, 3);
        var request = Assert.Single(world.Server.Requests);
        Assert.Equal(200, request.Status);
        Assert.Equal($"/openai/deployments/{AiWorld.Deployment}/chat/completions", request.Path);
        Assert.Matches(@"[?&]api-version=\d{4}-\d{2}-\d{2}", request.Query);
        Assert.Equal(AiWorld.Key, request.ApiKey);
        Assert.Null(request.Authorization);
        AssertAsksForTheSentimentSchema(request.Body!);
    }

    [Fact]
    public async Task A_throttled_answer_falls_back_to_the_embedded_classifier_and_says_429()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible);
        world.Server.ReplyNext(new FakeChatReply.Throttled());

        var score = await world.Scorer.ScoreAsync(Sarcasm, TestContext.Current.CancellationToken);

        Assert.Equal("embedded (AI fell back: 429)", score.Method);
        Assert.True(score.Value < 0, $"the embedded classifier should call sarcasm negative, got {score.Value}");
        // No retry behind the fallback: one request, the 429.
        Assert.Equal(429, Assert.Single(world.Server.Requests).Status);
    }

    [Fact]
    public async Task An_answer_that_takes_longer_than_the_timeout_falls_back_and_says_timed_out()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible, timeout: TimeSpan.FromSeconds(1));
        world.Server.ReplyNext(new FakeChatReply.Hang());

        var score = await world.Scorer.ScoreAsync("Thank you so much, you were brilliant.", TestContext.Current.CancellationToken);

        Assert.Equal("embedded (AI fell back: timed out)", score.Method);
        Assert.True(score.Value > 0, $"the embedded classifier should call thanks positive, got {score.Value}");
    }

    [Theory]
    [InlineData("I think the customer is unhappy.")]
    [InlineData("""{"sentiment":"negative"}""")]
    [InlineData("""{"sentiment":-7,"confidence":0.9}""")]
    public async Task A_malformed_answer_falls_back_and_says_so(string content)
    {
        await using var world = await AiWorld.StartAsync(AiProvider.AzureOpenAI);
        world.Server.ReplyNext(new FakeChatReply.Content(content));

        var score = await world.Scorer.ScoreAsync(Sarcasm, TestContext.Current.CancellationToken);

        Assert.Equal("embedded (AI fell back: malformed answer)", score.Method);
        Assert.True(score.Value < 0);
    }

    [Fact]
    public async Task A_model_the_service_does_not_have_is_refused_by_it_and_the_embedded_method_answers()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible, deployment: "no-such-model");

        var score = await world.Scorer.ScoreAsync(Sarcasm, TestContext.Current.CancellationToken);

        Assert.Equal("embedded (AI fell back: 404)", score.Method);
        Assert.Equal(404, Assert.Single(world.Server.Requests).Status);
    }

    [Fact]
    public async Task The_key_never_reaches_the_log_even_when_the_service_refuses()
    {
        await using var world = await AiWorld.StartAsync(AiProvider.OpenAICompatible);
        world.Server.ReplyNext(new FakeChatReply.Throttled());
        world.Server.ReplyNext(new FakeChatReply.Content("not json"));

        await world.Scorer.ScoreAsync(Sarcasm, TestContext.Current.CancellationToken);
        await world.Scorer.ScoreAsync(Sarcasm, TestContext.Current.CancellationToken);

        Assert.Contains(world.Log.Lines, l => l.Contains("AI sentiment answer was not used (429)", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Log.Lines, l => l.Contains(AiWorld.Key, StringComparison.Ordinal));
        // Nor the customer's words.
        Assert.DoesNotContain(world.Log.Lines, l => l.Contains("two hours on hold", StringComparison.Ordinal));
    }

    private static void AssertAsksForTheSentimentSchema(JsonObject body)
    {
        var format = body["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        var schema = format["json_schema"]!["schema"]!;
        Assert.Equal("object", schema["type"]!.GetValue<string>());
        Assert.NotNull(schema["properties"]!["sentiment"]);
        Assert.NotNull(schema["properties"]!["confidence"]);
    }
}
