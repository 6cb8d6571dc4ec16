namespace Connector.Ai;

/// <summary>
/// Configuration section <c>Ai</c>. With <see cref="Provider"/> <c>None</c> (the default) every feature uses its embedded
/// method and nothing leaves the machine; with an AI service, a failed answer falls back to the embedded method.
/// </summary>
public sealed class AiOptions
{
    public const string Section = "Ai";

    public AiProvider Provider { get; set; } = AiProvider.None;

    /// <summary>
    /// OpenAI-compatible: the API's base URL, <c>/v1</c> included (<c>https://api.openai.com/v1</c>, <c>http://127.0.0.1:11434/v1</c>).
    /// Azure OpenAI: the resource, <c>https://{resource}.openai.azure.com/</c>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model (OpenAI-compatible) or the deployment's name (Azure OpenAI).</summary>
    public string? Deployment { get; set; }

    /// <summary>The API key: a secret, never logged (Bearer for OpenAI-compatible, <c>api-key</c> for Azure OpenAI).</summary>
    public string? Key { get; set; }

    /// <summary>How long one AI answer may take before the embedded method answers instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many sentence embeddings (the embedded sentiment, insight topics, bot and assist retrieval) run at once, each
    /// on one thread; null: half the cores. The rest of the machine stays with webhooks, routing and agents.
    /// </summary>
    public int? EmbeddingConcurrency { get; set; }

    /// <summary>The embeddings that may run at once as configured, or half the cores.</summary>
    public int EmbeddingConcurrencyOrDefault => EmbeddingConcurrency ?? Embeddings.SentenceEmbedder.DefaultConcurrency;
}
