using Microsoft.Extensions.Options;

namespace Connector.Ai;

/// <summary>Checks <c>Ai</c> at start, naming the key that is wrong (never its value when it is the key).</summary>
public sealed class AiOptionsValidator : IValidateOptions<AiOptions>
{
    public ValidateOptionsResult Validate(string? name, AiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            errors.Add($"Ai:Provider must be one of {string.Join(", ", Enum.GetNames<AiProvider>())}.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(2))
        {
            errors.Add($"Ai:Timeout must be more than 0 and at most 00:02:00; got '{options.Timeout}'.");
        }

        if (options.EmbeddingConcurrency is < 1)
        {
            errors.Add($"Ai:EmbeddingConcurrency must be at least 1 (or unset: half the cores); got {options.EmbeddingConcurrency}.");
        }

        if (options.Provider == AiProvider.None)
        {
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }

        if (options.Endpoint is not { IsAbsoluteUri: true, Scheme: "https" or "http" })
        {
            errors.Add($"Ai:Endpoint must be an absolute http(s) URL when Ai:Provider is {options.Provider}.");
        }

        if (string.IsNullOrWhiteSpace(options.Deployment))
        {
            errors.Add(options.Provider == AiProvider.AzureOpenAI
                ? "Ai:Deployment (the Azure OpenAI deployment's name) is required when Ai:Provider is AzureOpenAI."
                : "Ai:Deployment (the model, e.g. gpt-4o-mini) is required when Ai:Provider is OpenAICompatible.");
        }

        if (string.IsNullOrWhiteSpace(options.Key))
        {
            errors.Add($"Ai:Key is required when Ai:Provider is {options.Provider} (any non-empty value for a server that checks none).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
