namespace Connector.Core.Insight;

/// <summary>
/// One scored turn: a message or a speaker-labelled transcript phrase, by <paramref name="Speaker"/>
/// (<c>customer</c>, <c>agent</c>, <c>bot</c>), its sentiment (-1 to 1), what scored it, and its topics.
/// </summary>
/// <param name="Index">Its place in the interaction, from 0.</param>
/// <param name="Ref">The timeline event's id, with <c>#line</c> for a phrase of a call transcript.</param>
public sealed record TurnInsight(
    int Index, string Speaker, DateTimeOffset At, string Ref, double Sentiment, double Confidence, string Method, IReadOnlyList<string> Topics)
{
    public const string Customer = "customer";
    public const string Agent = "agent";
    public const string Bot = "bot";

    /// <summary>The timeline event the turn is part of (the part of <see cref="Ref"/> before <c>#</c>).</summary>
    public Guid TimelineEventId => Guid.Parse(Ref.Split('#')[0]);

    /// <summary>The transcript line, from 1; null for a message.</summary>
    public int? Line => Ref.Split('#') is [_, var line] ? int.Parse(line, System.Globalization.CultureInfo.InvariantCulture) : null;
}
