namespace Connector.Core.Voice;

/// <summary>The charter's <c>voice:</c> section: what a caller hears and what is recorded, before and while waiting.</summary>
/// <param name="Ivr">The DTMF menu that chooses the journey; null when calls go straight to the voice journey.</param>
/// <param name="RecordingRetention">How long ACS keeps a recording after we downloaded it; then it is deleted there.</param>
public sealed record VoicePolicy(ConsentPolicy Consent, IvrMenu? Ivr, QueueAnnouncements Queue, TimeSpan RecordingRetention)
{
    /// <summary>No announcement, no recording, no IVR, silence while waiting.</summary>
    public static VoicePolicy Default { get; } = new(ConsentPolicy.None, null, QueueAnnouncements.None, TimeSpan.FromDays(1));
}
