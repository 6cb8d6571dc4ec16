using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Ai.Sentiment;

/// <summary>
/// A logistic regression over sentence embeddings, as shipped in <c>sentiment-weights.json</c> (written by
/// <c>tools/Connector.Ai.Training</c>): P(positive) = σ(w·x + b).
/// </summary>
public sealed record SentimentWeights(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("trainedOn")] string TrainedOn,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("weights")] double[] Weights)
{
    public const string ResourceName = "Connector.Ai.sentiment-weights.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The probability that the embedded sentence is positive.</summary>
    public double PositiveProbability(ReadOnlySpan<float> embedding)
    {
        if (embedding.Length != Weights.Length)
        {
            throw new ArgumentException($"The embedding has {embedding.Length} dimensions; the weights expect {Weights.Length}.", nameof(embedding));
        }

        var z = Bias;
        for (var i = 0; i < Weights.Length; i++)
        {
            z += Weights[i] * embedding[i];
        }

        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>The weights shipped inside this assembly.</summary>
    public static SentimentWeights LoadShipped()
    {
        using var stream = typeof(SentimentWeights).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks its resource {ResourceName}: run tools/Connector.Ai.Training.");
        return JsonSerializer.Deserialize<SentimentWeights>(stream) ?? throw new InvalidOperationException($"{ResourceName} is empty.");
    }

    public string ToJson() => JsonSerializer.Serialize(this, Indented);
}
