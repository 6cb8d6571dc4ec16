namespace Connector.Ai.Tests.Sentiment;

/// <summary>Accuracy and macro-F1 over binary labels (positive = true).</summary>
internal static class SentimentFigures
{
    public static double Accuracy(IReadOnlyList<bool> truth, IReadOnlyList<bool> predicted) =>
        truth.Zip(predicted).Count(p => p.First == p.Second) / (double)truth.Count;

    public static double MacroF1(IReadOnlyList<bool> truth, IReadOnlyList<bool> predicted) =>
        (F1(truth, predicted, true) + F1(truth, predicted, false)) / 2;

    private static double F1(IReadOnlyList<bool> truth, IReadOnlyList<bool> predicted, bool label)
    {
        var pairs = truth.Zip(predicted).ToList();
        var truePositive = pairs.Count(p => p.First == label && p.Second == label);
        var falsePositive = pairs.Count(p => p.First != label && p.Second == label);
        var falseNegative = pairs.Count(p => p.First == label && p.Second != label);
        return truePositive == 0 ? 0 : 2.0 * truePositive / ((2.0 * truePositive) + falsePositive + falseNegative);
    }
}
