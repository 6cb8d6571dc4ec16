using Connector.Core.Channels;

namespace Connector.Core.Routing.Policy;

/// <summary>Everything the routing engine needs from the charter.</summary>
/// <param name="ChannelJourneys">The journey of work that arrives on a channel with no other hint.</param>
/// <param name="MissedOffersBeforeAway">An agent who lets this many offers in a row time out is set away.</param>
/// <param name="OfflineGrace">Work held by an agent who went offline is re-routed after this (reconnects are quick).</param>
/// <param name="PriorityMinutes">Aging: one point of priority is worth this many minutes of waiting.</param>
public sealed record RoutingPolicy(
    IReadOnlyDictionary<Channel, ChannelPolicy> Channels,
    IReadOnlyDictionary<string, QueueDefinition> Queues,
    IReadOnlyDictionary<string, CapacityProfile> CapacityProfiles,
    IReadOnlyDictionary<string, Journey> Journeys,
    IReadOnlyDictionary<Channel, string> ChannelJourneys,
    int MissedOffersBeforeAway,
    TimeSpan OfflineGrace,
    double PriorityMinutes)
{
    /// <summary>The charter's <c>voice:</c> section (consent, IVR, queue announcements, recording retention).</summary>
    public Connector.Core.Voice.VoicePolicy Voice { get; init; } = Connector.Core.Voice.VoicePolicy.Default;

    /// <summary>
    /// The charter's <c>dispositions:</c>, in its order. Empty: the charter lists none, and a wrap-up's disposition is
    /// free text.
    /// </summary>
    public IReadOnlyList<Disposition> Dispositions { get; init; } = [];

    /// <summary>The charter's <c>retention:</c> per region and data kind; without it nothing is purged.</summary>
    public Connector.Core.Compliance.RetentionPolicy Retention { get; init; } = Connector.Core.Compliance.RetentionPolicy.KeepAll;

    /// <summary>The charter's <c>redaction:</c> patterns, every region's, in its order; empty when it has none.</summary>
    public IReadOnlyList<Connector.Core.Compliance.RedactionPattern> Redaction { get; init; } = [];

    /// <summary>The charter's <c>qa:</c> evaluation forms, in its order; empty when it has none (no interaction is scored).</summary>
    public IReadOnlyList<Connector.Core.Qa.EvaluationForm> QaForms { get; init; } = [];

    /// <summary>The charter's <c>insights:</c> topics and centroid threshold; without it turns get sentiment and no topic.</summary>
    public Connector.Core.Insight.InsightPolicy Insights { get; init; } = Connector.Core.Insight.InsightPolicy.None;
    /// <summary>The charter's <c>bots:</c>, by the journey each fronts; empty when it has none (every message routes to people).</summary>
    public IReadOnlyDictionary<string, Connector.Core.Bot.BotPolicy> Bots { get; init; } = new Dictionary<string, Connector.Core.Bot.BotPolicy>();

    /// <summary>The dispositions an agent may choose when wrapping up work of <paramref name="channel"/>.</summary>
    public IEnumerable<Disposition> DispositionsFor(Channel channel) => Dispositions.Where(d => d.Channels.Contains(channel));

    public ChannelPolicy For(Channel channel) => Channels.TryGetValue(channel, out var policy) ? policy : ChannelPolicy.Default(channel);

    /// <summary>One queue per channel (named after it), default channel policies, the standard capacity profile.</summary>
    public static RoutingPolicy Default()
    {
        var queues = ChannelNames.All.ToDictionary(n => n, QueueDefinition.Default);
        var journeys = ChannelNames.All.ToDictionary(n => n, n => new Journey(n, [ChannelNames.Parse(n)], n, new Dictionary<string, int>(), 0, null));
        return new RoutingPolicy(
            Enum.GetValues<Channel>().ToDictionary(c => c, ChannelPolicy.Default),
            queues,
            new Dictionary<string, CapacityProfile> { [CapacityProfile.Standard.Name] = CapacityProfile.Standard },
            journeys,
            Enum.GetValues<Channel>().ToDictionary(c => c, c => c.ToName()),
            MissedOffersBeforeAway: 3,
            OfflineGrace: TimeSpan.FromSeconds(60),
            PriorityMinutes: 10);
    }
}
