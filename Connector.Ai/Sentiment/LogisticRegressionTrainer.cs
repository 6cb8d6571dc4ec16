namespace Connector.Ai.Sentiment;

/// <summary>
/// Fits <see cref="SentimentWeights"/> to labelled embeddings: full-batch gradient descent with momentum and an L2
/// penalty, from zero weights and in a fixed order, so the same data always gives the same weights.
/// </summary>
public static class LogisticRegressionTrainer
{
    public static SentimentWeights Train(
        IReadOnlyList<float[]> embeddings, IReadOnlyList<bool> positive, string model, string trainedOn,
        int iterations = 1500, double learningRate = 2.0, double l2 = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(positive);
        if (embeddings.Count == 0 || embeddings.Count != positive.Count)
        {
            throw new ArgumentException("One label per embedding, and at least one of each.", nameof(positive));
        }

        var dims = embeddings[0].Length;
        var w = new double[dims];
        var velocity = new double[dims + 1];
        double b = 0;
        var gradient = new double[dims];
        const double momentum = 0.9;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Array.Clear(gradient);
            double gradientBias = 0;
            for (var n = 0; n < embeddings.Count; n++)
            {
                var x = embeddings[n];
                var z = b;
                for (var i = 0; i < dims; i++)
                {
                    z += w[i] * x[i];
                }

                var error = (1 / (1 + Math.Exp(-z))) - (positive[n] ? 1 : 0);
                for (var i = 0; i < dims; i++)
                {
                    gradient[i] += error * x[i];
                }

                gradientBias += error;
            }

            for (var i = 0; i < dims; i++)
            {
                var g = (gradient[i] / embeddings.Count) + (l2 * w[i]);
                velocity[i] = (momentum * velocity[i]) - (learningRate * g);
                w[i] += velocity[i];
            }

            velocity[dims] = (momentum * velocity[dims]) - (learningRate * gradientBias / embeddings.Count);
            b += velocity[dims];
        }

        return new SentimentWeights(model, trainedOn, Math.Round(b, 6), [.. w.Select(v => Math.Round(v, 6))]);
    }
}
