namespace Connector.Ai;

/// <summary>Where the AI answers come from: nowhere (the embedded methods alone), an OpenAI-compatible endpoint, or Azure OpenAI.</summary>
public enum AiProvider
{
    None,
    OpenAICompatible,
    AzureOpenAI,
}
