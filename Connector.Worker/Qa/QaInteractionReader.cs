using System.Globalization;
using System.Text.RegularExpressions;
using Connector.Core.Conversations;
using Connector.Core.Qa;
using Connector.Core.Routing;
using Connector.Worker.Storage;

namespace Connector.Worker.Qa;

/// <summary>
/// Turns one task's part of a conversation's timeline into the turns QA reads, on every channel alike: chat, WhatsApp
/// and email messages by direction (in: the customer, out: the agent), and a call's moments (started, connected) and
/// its transcript, one turn per speaker-labelled phrase (<c>[00:01:05] Caller: …</c>; every label but Caller is our
/// side). The work runs from the last event at or before the task opened (the message or call that opened it) to its end.
/// </summary>
internal sealed partial class QaInteractionReader(DataDirectory data, ILogger<QaInteractionReader> logger)
{
    public async Task<QaInteraction> ReadAsync(ConversationView view, RoutingTask task, DateTimeOffset endedAt, CancellationToken ct)
    {
        var events = view.Timeline.Where(e => e.Channel == task.Channel && e.At <= endedAt).OrderBy(e => e.At).ToList();
        var opened = events.LastOrDefault(e => e.At <= task.CreatedAt)?.At ?? task.CreatedAt;
        var turns = new List<(DateTimeOffset At, QaSpeaker Speaker, string Text, string Ref)>();
        DateTimeOffset? callAt = null;
        foreach (var e in events.Where(e => e.At >= opened))
        {
            switch (e.Type)
            {
                case TimelineEventType.Message when !string.IsNullOrWhiteSpace(e.Text):
                    turns.Add((e.At, e.Direction == Direction.In ? QaSpeaker.Customer : QaSpeaker.Agent, e.Text, e.Id.ToString()));
                    break;
                case TimelineEventType.CallStarted:
                    callAt ??= e.At;
                    turns.Add((e.At, QaSpeaker.System, QaTurn.CallStarted, e.Id.ToString()));
                    break;
                case TimelineEventType.CallConnected:
                    callAt = e.At;
                    turns.Add((e.At, QaSpeaker.System, QaTurn.CallConnected, e.Id.ToString()));
                    break;
                case TimelineEventType.TranscriptAvailable:
                    turns.AddRange(await TranscriptAsync(view, e, callAt ?? e.At, ct));
                    break;
            }
        }

        var ordered = turns.Select((t, i) => (t, i)).OrderBy(x => x.t.At).ThenBy(x => x.i).Select(x => x.t).ToList();
        return new QaInteraction(task.Channel, task.Queue, [.. ordered.Select((t, i) => new QaTurn(i, t.Speaker, t.At, t.Text, t.Ref))]);
    }

    /// <summary>The phrases of a call's transcript file (already redacted when it was written), each cited as <c>{event id}#{line}</c>.</summary>
    private async Task<IEnumerable<(DateTimeOffset, QaSpeaker, string, string)>> TranscriptAsync(ConversationView view, TimelineEvent e, DateTimeOffset callAt, CancellationToken ct)
    {
        var file = view.Attachments.FirstOrDefault(a => a.TimelineEventId == e.Id);
        if (file is null || data.Resolve(file.Path) is not { } path || !File.Exists(path))
        {
            // Purged by retention, or never written: the call is scored on what else the timeline holds.
            logger.LogWarning("Transcript of timeline event {EventId} is not on disk; QA scores the call without it", e.Id);
            return [];
        }

        var phrases = new List<(DateTimeOffset, QaSpeaker, string, string)>();
        var lines = await File.ReadAllLinesAsync(path, ct);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Phrase().Match(lines[i]);
            if (match.Success && TimeSpan.TryParseExact(match.Groups["offset"].Value, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var offset))
            {
                var speaker = match.Groups["label"].Value == "Caller" ? QaSpeaker.Customer : QaSpeaker.Agent;
                phrases.Add((callAt + offset, speaker, match.Groups["text"].Value, $"{e.Id}#{i + 1}"));
            }
        }

        return phrases;
    }

    // The line format of Core's TranscriptAssembler.
    [GeneratedRegex(@"^\[(?<offset>\d{2}:\d{2}:\d{2})\] (?<label>[^:]+): (?<text>.*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Phrase();
}
