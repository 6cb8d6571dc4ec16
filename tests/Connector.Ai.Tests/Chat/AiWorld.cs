using Connector.Ai.Assist;
using Connector.Ai.Tests.Fakes;
using Connector.Core.Insight;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Ai.Tests.Chat;

/// <summary>The AI features as the Worker composes them (<c>AddConnectorAi</c>), pointed at the fake server, with the log kept.</summary>
public sealed class AiWorld : IAsyncDisposable
{
    public const string Key = "sk-test-0123456789abcdef-secret";
    public const string Deployment = "cc-sentiment";

    private readonly ServiceProvider services;

    private AiWorld(FakeOpenAiServer server, ServiceProvider services, CollectedLog log)
    {
        Server = server;
        this.services = services;
        Log = log;
    }

    public FakeOpenAiServer Server { get; }

    public CollectedLog Log { get; }

    public ISentimentScorer Scorer => services.GetRequiredService<ISentimentScorer>();

    public IAssistDrafter Drafter => services.GetRequiredService<IAssistDrafter>();

    public Connector.Ai.Bot.IBotResponder Bot => services.GetRequiredService<Connector.Ai.Bot.IBotResponder>();

    public static async Task<AiWorld> StartAsync(AiProvider provider, TimeSpan? timeout = null, string deployment = Deployment)
    {
        var server = await FakeOpenAiServer.StartAsync(Key, Deployment, TestContext.Current.CancellationToken);
        var endpoint = provider == AiProvider.AzureOpenAI ? server.Endpoint : new Uri(server.Endpoint, "v1");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ai:Provider"] = provider.ToString(),
            ["Ai:Endpoint"] = endpoint.ToString(),
            ["Ai:Deployment"] = deployment,
            ["Ai:Key"] = Key,
            ["Ai:Timeout"] = (timeout ?? TimeSpan.FromSeconds(30)).ToString(),
        }).Build();
        var log = new CollectedLog();
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        collection.AddConnectorAi(configuration);
        return new AiWorld(server, collection.BuildServiceProvider(validateScopes: true), log);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
