using Connector.Core.Compliance;

namespace Connector.Worker.Voice;

/// <summary>
/// The redaction context of one call's live transcription: each speaker's phrases are redacted with the ones they said
/// just before, so a card number read out across a pause is found. Lives as long as the transcription socket; the raw
/// text it holds is never stored.
/// </summary>
internal sealed class CallPhraseRedaction(SensitiveDataRedactor redactor)
{
    private readonly Dictionary<string, PhraseRedactor<TimeSpan>> _speakers = new(StringComparer.Ordinal);

    public StreamedPhrase<TimeSpan> Next(string speaker, TimeSpan offset, string text)
    {
        if (!_speakers.TryGetValue(speaker, out var phrases))
        {
            phrases = new PhraseRedactor<TimeSpan>(redactor);
            _speakers[speaker] = phrases;
        }

        return phrases.Next(offset, text);
    }
}
