using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Connector.Ai.Chat;

/// <summary>
/// The <see cref="IChatClient"/> for <c>Ai:Provider</c>, over the factory's HttpClient. The SDK's own retries are off: a
/// throttled or failed answer falls back to the embedded method at once, which beats a customer waiting on back-off.
/// </summary>
public static class AiChatClientFactory
{
    public const string HttpClientName = "Connector.Ai";

    public static IChatClient Create(AiOptions options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        var transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName));
        var key = new ApiKeyCredential(options.Key ?? throw new OptionsValidationException(AiOptions.Section, typeof(AiOptions), ["Ai:Key is required."]));
        var deployment = options.Deployment!;
        return options.Provider switch
        {
            AiProvider.OpenAICompatible => new OpenAIClient(key, new OpenAIClientOptions
            {
                Endpoint = options.Endpoint,
                Transport = transport,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = options.Timeout,
            }).GetChatClient(deployment).AsIChatClient(),
            AiProvider.AzureOpenAI => new AzureOpenAIClient(options.Endpoint!, key, new AzureOpenAIClientOptions
            {
                Transport = transport,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = options.Timeout,
            }).GetChatClient(deployment).AsIChatClient(),
            _ => throw new InvalidOperationException($"Ai:Provider {options.Provider} has no chat client."),
        };
    }
}
