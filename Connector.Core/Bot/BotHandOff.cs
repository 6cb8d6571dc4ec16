using System.Globalization;

namespace Connector.Core.Bot;

/// <summary>
/// What a person takes over from the bot: the transcript, what the bot thought the customer wanted and how sure it
/// was, what the customer already gave, the sentiment turn by turn, why it handed off, and a short summary for the
/// offer. It goes into the routing task, onto the timeline and into the CRM activity.
/// </summary>
public sealed record BotHandOff(
    IReadOnlyList<BotTranscriptLine> Transcript,
    string? Intent,
    double Confidence,
    IReadOnlyList<string> CustomerGave,
    IReadOnlyList<double> SentimentTrajectory,
    BotHandOffReason Reason,
    string Summary)
{
    /// <param name="turns">Every turn of this bot session, the handing-off one last.</param>
    /// <param name="describe">The words for a match (an FAQ entry's question), or null to show its id.</param>
    public static BotHandOff From(IReadOnlyList<BotTurn> turns, BotDecision decision, Func<string, string?> describe)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(describe);
        var reason = decision.Reason ?? throw new ArgumentException("Only a hand-off decision makes a hand-off.", nameof(decision));
        var transcript = new List<BotTranscriptLine>();
        foreach (var turn in turns)
        {
            transcript.Add(new BotTranscriptLine(turn.At, "customer", turn.CustomerText));
            if (turn.Reply is { } reply)
            {
                transcript.Add(new BotTranscriptLine(turn.At, "bot", reply));
            }
        }

        var gave = CustomerDetails.Find(turns.Select(t => t.CustomerText));
        var trajectory = turns.Select(t => Math.Round(t.Sentiment, 2)).ToList();
        var topic = decision.Match is { } match ? describe(match) ?? match : null;
        var summary = Summarize(reason, decision.SensitiveIntent, topic, decision.Confidence, gave, trajectory, turns.Count);
        return new BotHandOff(transcript, decision.Match, Math.Round(decision.Confidence, 3), gave, trajectory, reason, summary);
    }

    /// <summary>The hand-off as one note: the summary first, then the facts, then the transcript.</summary>
    public string ToNote()
    {
        var lines = new List<string>
        {
            $"Bot hand-off: {Summary}",
            $"Reason: {Reason.ToName()}; intent: {Intent ?? "none"} (confidence {Confidence.ToString("0.00", CultureInfo.InvariantCulture)})",
            $"Sentiment: {string.Join(" → ", SentimentTrajectory.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}",
        };
        if (CustomerGave.Count > 0)
        {
            lines.Add($"Customer gave: {string.Join(", ", CustomerGave)}");
        }

        lines.Add("Bot transcript:");
        lines.AddRange(Transcript.Select(t => $"  {(t.Author == "bot" ? "Bot" : "Customer")}: {t.Text}"));
        return string.Join('\n', lines);
    }

    private static string Summarize(
        BotHandOffReason reason, string? sensitive, string? topic, double confidence, IReadOnlyList<string> gave, List<double> trajectory, int turns)
    {
        var parts = new List<string>
        {
            reason == BotHandOffReason.SensitiveIntent && sensitive is not null ? $"Customer raised {sensitive}" : $"Customer {reason.Describe()}",
        };
        if (topic is not null && reason != BotHandOffReason.LowConfidence)
        {
            parts.Add($"closest topic: {topic} ({confidence.ToString("0.00", CultureInfo.InvariantCulture)})");
        }

        if (gave.Count > 0)
        {
            parts.Add($"gave {string.Join(", ", gave)}");
        }

        if (trajectory.Count > 1)
        {
            parts.Add($"sentiment {trajectory[0].ToString("0.0", CultureInfo.InvariantCulture)} → {trajectory[^1].ToString("0.0", CultureInfo.InvariantCulture)}");
        }

        parts.Add($"{turns} message{(turns == 1 ? "" : "s")} with the bot");
        return string.Join("; ", parts) + ".";
    }
}
