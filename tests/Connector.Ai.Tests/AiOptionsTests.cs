using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Ai.Tests;

public sealed class AiOptionsTests
{
    [Fact]
    public void With_nothing_configured_the_embedded_methods_need_no_endpoint_or_key()
    {
        var options = Resolve(new Dictionary<string, string?>());

        Assert.Equal(AiProvider.None, options.Provider);
    }

    [Fact]
    public void An_AI_provider_without_endpoint_deployment_or_key_is_refused_at_start_naming_each_key()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["Ai:Provider"] = "OpenAICompatible" }));

        Assert.Contains(failure.Failures, f => f.StartsWith("Ai:Endpoint", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Ai:Deployment", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Ai:Key", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_key_and_a_bad_endpoint_without_echoing_the_key()
    {
        var unknown = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["Ai:Provider"] = "Gemini" }));
        Assert.Contains(unknown.Failures, f => f.Contains("Ai:Provider", StringComparison.Ordinal));

        var badEndpoint = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?>
        {
            ["Ai:Provider"] = "AzureOpenAI",
            ["Ai:Endpoint"] = "contoso.openai.azure.com",
            ["Ai:Deployment"] = "gpt-4o-mini",
            ["Ai:Key"] = "very-secret-key",
        }));
        Assert.Contains(badEndpoint.Failures, f => f.StartsWith("Ai:Endpoint must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.DoesNotContain("very-secret-key", badEndpoint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeout_of_zero_is_refused()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["Ai:Timeout"] = "00:00:00" }));

        Assert.Contains(failure.Failures, f => f.StartsWith("Ai:Timeout", StringComparison.Ordinal));
    }

    [Fact]
    public void An_embedding_concurrency_below_one_is_refused_naming_the_key()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["Ai:EmbeddingConcurrency"] = "0" }));

        Assert.Contains(failure.Failures, f => f.StartsWith("Ai:EmbeddingConcurrency", StringComparison.Ordinal));
    }

    private static AiOptions Resolve(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConnectorAi(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AiOptions>>().Value;
    }
}
