using System.Globalization;
using System.Text;
using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Intake;
using Connector.Core.Voice;
using Connector.Worker.Push.Messages;
using Connector.Worker.Storage;

namespace Connector.Worker.Voice;

/// <summary>
/// Real-time transcription of a call: each final phrase is redacted before it is kept; at the end of the call the
/// phrases become one speaker-labelled, timestamped transcript file under the data directory, attached to the
/// timeline (and so sent to the CRM) once.
/// </summary>
internal sealed class CallTranscripts(VoiceCallStore calls, CallTimeline timeline, SensitiveDataRedactor redactor, DataDirectory data, ILogger<CallTranscripts> logger)
{
    /// <summary>
    /// Keeps one final phrase, redacted together with the same speaker's phrases just before it (<paramref name="phrases"/>,
    /// one per transcription socket), and shows it to the agents holding the call's conversation as it is kept. When
    /// the phrase completes a value begun in an earlier one (a card number read out across a pause), the earlier
    /// phrase is rewritten where it is kept and sent again. Phrases spoken while secure capture is on are dropped
    /// whole: neither kept nor shown.
    /// </summary>
    public async Task AddAsync(VoiceCall call, CallPhraseRedaction phrases, TimeSpan offset, string speaker, string text, CancellationToken ct)
    {
        if (call.SecureSince is not null || string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var streamed = phrases.Next(speaker, offset, text);
        await calls.AddFragmentAsync(call.Id, new TranscriptFragment(offset, speaker, streamed.Text), Live(call, offset, speaker, streamed.Text), ct);
        foreach (var revised in streamed.Revised)
        {
            await calls.ReviseFragmentAsync(call.Id, new TranscriptFragment(revised.Key, speaker, revised.Text), Live(call, revised.Key, speaker, revised.Text), ct);
            logger.LogInformation("Transcript phrase at {OffsetMs} ms of call {CallId} re-redacted: the next phrase completed a sensitive value", (long)revised.Key.TotalMilliseconds, call.Id);
        }
    }

    /// <summary>A redaction context for one transcription socket: phrases are redacted with the speaker's previous ones.</summary>
    public CallPhraseRedaction NewPhraseRedaction() => new(redactor);

    // The customer's leg is the caller; every other participant (the agent, a supervisor brought in) is our side.
    private static TranscriptPhrase? Live(VoiceCall call, TimeSpan offset, string speaker, string redacted) =>
        call is { ConversationId: { } conversationId, CallConnectionId: { } connection }
            ? new TranscriptPhrase(conversationId, connection, (long)offset.TotalMilliseconds, speaker == call.CallerRawId ? "caller" : "agent", redacted)
            : null;

    public async Task AttachAsync(VoiceCall call, DateTimeOffset at, CancellationToken ct)
    {
        var fragments = await calls.ListFragmentsAsync(call.Id, ct);
        if (fragments.Count == 0)
        {
            return;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [call.CallerRawId] = "Caller" };
        if (call.AgentRawId is { } agent)
        {
            labels[agent] = $"Agent ({call.AgentId})";
        }

        // ACS offsets are 100-ns ticks; some senders count from an epoch rather than the call start.
        var origin = fragments.Min(f => f.Offset) > TimeSpan.FromDays(1) ? fragments.Min(f => f.Offset) : TimeSpan.Zero;
        var text = redactor.Redact(TranscriptAssembler.Assemble(fragments.Select(f => f with { Offset = f.Offset - origin }), labels))!;
        var folder = Path.Combine("transcripts", at.ToString("yyyy", CultureInfo.InvariantCulture), at.ToString("MM", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(data.Path, folder));
        var relative = Path.Combine(folder, $"{call.Id}.txt");
        var bytes = Encoding.UTF8.GetBytes(text);
        await File.WriteAllBytesAsync(Path.Combine(data.Path, relative), bytes, ct);
        var lines = text.Count(c => c == '\n');
        await timeline.AttachedAsync(call, "transcript", "transcript", TimelineEventType.TranscriptAvailable, at, $"Call transcript ({lines} lines).",
            new InboundAttachment($"transcript-{call.Id}.txt", "text/plain; charset=utf-8", bytes.Length, relative), ct);
        logger.LogInformation("Transcript of call {CallId} attached ({Lines} lines)", call.Id, lines);
    }
}
