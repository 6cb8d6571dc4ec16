using System.Globalization;
using System.Text.Json.Serialization;
using Connector.Core.Insight;

namespace Connector.Worker.Insight;

/// <summary>
/// One finished task's insight, as kept: the interaction's sentiment (end-weighted overall, start, end, per
/// participant), how many turns each topic had, and its turns. Sentiments run from -1 to 1; null with no turn.
/// </summary>
/// <param name="TurnCount">How many turns were scored (<see cref="Turns"/> is empty when read for the aggregates).</param>
/// <param name="EndedAt">When the work ended (its wrap-up); <c>GET /api/insights</c> filters on it.</param>
internal sealed record StoredInsight(
    Guid Id, Guid ConversationId, Guid TaskId, string Channel, string? Queue, string AgentId, DateTimeOffset EndedAt, DateTimeOffset AnalysedAt, int TurnCount,
    double? Overall, double? Start, double? End, IReadOnlyDictionary<string, double> Participants, IReadOnlyDictionary<string, int> Topics,
    IReadOnlyList<TurnInsight> Turns)
{
    public double? Trend => End - Start;

    /// <summary>The line the CRM activity carries; it quotes no customer text.</summary>
    public string Summary()
    {
        if (Overall is not { } overall)
        {
            return "Insight: no turns to score";
        }

        var who = string.Join(", ", Participants.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {Signed(p.Value)}"));
        var trend = Trend!.Value;
        var direction = SentimentTrend.Name(trend);
        var topics = Topics.Count == 0 ? "none" : string.Join(", ", Topics.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key));
        return $"Insight: sentiment {Signed(overall)} ({who}), {direction} ({Signed(trend)}); topics: {topics}";
    }

    private static string Signed(double value) => value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
}

/// <summary>The filters of <c>GET /api/insights</c>.</summary>
internal sealed record InsightQuery(InsightGrouping GroupBy, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>What <c>GET /api/insights</c> groups the interactions by.</summary>
internal enum InsightGrouping
{
    [JsonStringEnumMemberName("channel")]
    Channel,

    [JsonStringEnumMemberName("queue")]
    Queue,

    [JsonStringEnumMemberName("agent")]
    Agent,
}
