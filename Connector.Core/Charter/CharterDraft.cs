using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Charter;

/// <summary>
/// The policy being read, starting from <see cref="RoutingPolicy.Default"/>; each section overwrites what it names.
/// References are checked at the end because a journey may name a queue defined further down the file.
/// </summary>
internal sealed class CharterDraft
{
    private static readonly RoutingPolicy Defaults = RoutingPolicy.Default();

    public Dictionary<Channel, ChannelPolicy> Channels { get; } = new(Defaults.Channels);
    public Dictionary<string, QueueDefinition> Queues { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, CapacityProfile> CapacityProfiles { get; } = new(Defaults.CapacityProfiles, StringComparer.Ordinal);
    public Dictionary<string, Journey> Journeys { get; } = new(StringComparer.Ordinal);
    public Dictionary<Channel, string> ChannelJourneys { get; } = [];
    public List<CharterReference> QueueReferences { get; } = [];
    public List<CharterReference> JourneyReferences { get; } = [];
    public int MissedOffersBeforeAway { get; set; } = Defaults.MissedOffersBeforeAway;
    public TimeSpan OfflineGrace { get; set; } = Defaults.OfflineGrace;
    public double PriorityMinutes { get; set; } = Defaults.PriorityMinutes;
    public Connector.Core.Voice.VoicePolicy Voice { get; set; } = Defaults.Voice;
    public List<Disposition> Dispositions { get; } = [];
    public Connector.Core.Compliance.RetentionPolicy Retention { get; set; } = Connector.Core.Compliance.RetentionPolicy.KeepAll;
    public List<Connector.Core.Compliance.RedactionPattern> Redaction { get; } = [];
    public List<Connector.Core.Qa.EvaluationForm> QaForms { get; } = [];
    public Connector.Core.Insight.InsightPolicy Insights { get; set; } = Connector.Core.Insight.InsightPolicy.None;
    public Dictionary<string, Connector.Core.Bot.BotPolicy> Bots { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Every channel must route somewhere: a channel the charter does not send to a journey keeps its built-in journey
    /// and queue (named after the channel). Those built-ins may also be named by the charter without defining them;
    /// a journey or queue the charter defines itself always wins over the built-in of that name.
    /// </summary>
    public RoutingPolicy ToPolicy(CharterReader reader)
    {
        var channelJourneys = new Dictionary<Channel, string>();
        foreach (var channel in Enum.GetValues<Channel>())
        {
            channelJourneys[channel] = ChannelJourneys.TryGetValue(channel, out var named) ? named : Defaults.ChannelJourneys[channel];
            AddBuiltInJourney(channelJourneys[channel]);
        }

        foreach (var reference in JourneyReferences)
        {
            AddBuiltInJourney(reference.Target);
        }

        foreach (var reference in QueueReferences.Where(r => Defaults.Queues.ContainsKey(r.Target)))
        {
            Queues.TryAdd(reference.Target, Defaults.Queues[reference.Target]);
        }

        Check(reader, QueueReferences, "queue", Queues.Keys.Union(Defaults.Queues.Keys));
        Check(reader, JourneyReferences, "journey", Journeys.Keys.Union(Defaults.Journeys.Keys));
        return new RoutingPolicy(
            Channels,
            Queues,
            CapacityProfiles,
            Journeys,
            channelJourneys,
            MissedOffersBeforeAway,
            OfflineGrace,
            PriorityMinutes)
        { Voice = Voice, Dispositions = Dispositions, Retention = Retention, Redaction = Redaction, QaForms = QaForms, Insights = Insights, Bots = Bots };
    }

    private void AddBuiltInJourney(string name)
    {
        if (Defaults.Journeys.TryGetValue(name, out var journey) && Journeys.TryAdd(name, journey))
        {
            Queues.TryAdd(journey.Queue, Defaults.Queues[journey.Queue]);
        }
    }

    private static void Check(CharterReader reader, List<CharterReference> references, string what, IEnumerable<string> defined)
    {
        string[] known = [.. defined.Order(StringComparer.Ordinal)];
        foreach (var reference in references.Where(r => !known.Contains(r.Target)))
        {
            var message = CharterReader.Unknown(what, reference.Target, known, $"defined {what}s");
            reader.Error(reference.At, reference.Field, reference.Hint is null ? message : $"{message}; {reference.Hint}");
        }
    }
}
