namespace Connector.Core.Voice;

/// <summary>One final phrase of real-time transcription, already redacted.</summary>
/// <param name="Offset">From the start of the call (ACS sends 100-ns ticks).</param>
/// <param name="Speaker">The participant's raw id (<c>4:+44…</c>, <c>8:acs:…</c>).</param>
public sealed record TranscriptFragment(TimeSpan Offset, string Speaker, string Text);
