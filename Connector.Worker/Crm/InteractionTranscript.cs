using System.Globalization;
using System.Text;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Conversations;

namespace Connector.Worker.Crm;

/// <summary>
/// The body of an interaction's CRM activity: for chat, WhatsApp and email the conversation's messages on that
/// channel, one line each; for voice the call's details (times, duration, transcript lines when there are any);
/// then the agent's notes. The QA scores, when there are any, come first. Every text passes the redactor again on its
/// way out, whatever was stored.
/// </summary>
internal static class InteractionTranscript
{
    /// <summary>Salesforce's Task.Description holds 32,000 characters, the tightest of the four CRMs.</summary>
    public const int MaxLength = 32_000;

    /// <param name="quality">The interaction's QA scores, one line per form (they quote no customer text).</param>
    public static string Build(IReadOnlyList<TimelineEvent> events, Channel channel, string? notes, SensitiveDataRedactor redactor, IReadOnlyList<string>? quality = null)
    {
        var text = new StringBuilder();
        // First, so that a transcript shortened to the CRM's limit never cuts the scores.
        foreach (var line in quality ?? [])
        {
            text.Append(line).Append('\n');
        }

        if (text.Length > 0)
        {
            text.Append('\n');
        }

        foreach (var e in events)
        {
            var line = Describe(e, channel);
            if (line is not null)
            {
                text.Append(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" UTC ")
                    .Append(redactor.Redact(line)).Append('\n');
            }
        }

        if (!string.IsNullOrWhiteSpace(notes))
        {
            text.Append("\nAgent notes: ").Append(redactor.Redact(notes.Trim())).Append('\n');
        }

        if (text.Length > MaxLength)
        {
            const string cut = "\n[transcript shortened: the full conversation is in the connector]";
            text.Length = MaxLength - cut.Length;
            text.Append(cut);
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>How long the interaction took, from its first to its last event on the channel.</summary>
    public static TimeSpan? Duration(IReadOnlyList<TimelineEvent> events) =>
        events.Count < 2 ? null : events[^1].At - events[0].At;

    private static string? Describe(TimelineEvent e, Channel channel)
    {
        var who = e.Direction == Direction.In ? "Customer" : e.Author == Authors.Bot ? "Bot" : "Agent";
        return (channel, e.Type) switch
        {
            (_, TimelineEventType.Message) => $"{who}: {e.Text}",
            (Channel.Voice, TimelineEventType.CallStarted) => $"Call started ({(e.Direction == Direction.In ? "inbound" : "outbound")})",
            (Channel.Voice, TimelineEventType.CallConnected) => "Agent connected",
            (Channel.Voice, TimelineEventType.CallEnded) => "Call ended",
            (Channel.Voice, TimelineEventType.RecordingAvailable) => "Recording available",
            (Channel.Voice, TimelineEventType.TranscriptAvailable) => string.IsNullOrEmpty(e.Text) ? "Transcript available" : $"Transcript: {e.Text}",
            (_, TimelineEventType.Note) when e.Text is not null && e.Author == Authors.Bot => e.Text,
            (_, TimelineEventType.Note) when e.Text is not null => $"Note: {e.Text}",
            _ => null,
        };
    }
}
