namespace Connector.Worker.Insight;

/// <summary>A trend (end minus start) in words, the same for one interaction, a conversation and the CRM line.</summary>
internal static class SentimentTrend
{
    public const string Improving = "improving";
    public const string Worsening = "worsening";
    public const string Steady = "steady";

    public static string Name(double trend) =>
        trend > InsightAggregate.SteadyBand ? Improving : trend < -InsightAggregate.SteadyBand ? Worsening : Steady;
}
