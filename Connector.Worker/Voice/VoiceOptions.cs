namespace Connector.Worker.Voice;

/// <summary>Configuration section <c>Voice</c>: what the telephony layer needs beyond the charter's <c>voice:</c> section.</summary>
public sealed class VoiceOptions
{
    public const string Section = "Voice";

    /// <summary>
    /// Which called parties the connector answers for (raw ids such as <c>4:+442071234567</c>, or numbers). Empty:
    /// every call to a phone number of the resource; calls to ACS users (the agents' own lines) are never answered.
    /// </summary>
    public List<string> AnswerFor { get; set; } = [];

    /// <summary>Azure AI services endpoint, needed for spoken (text) prompts and for transcription.</summary>
    public string? CognitiveServicesEndpoint { get; set; }

    /// <summary>Locale of real-time transcription (e.g. <c>en-US</c>); empty: calls are not transcribed.</summary>
    public string? TranscriptionLocale { get; set; }

    /// <summary>The number agents' PSTN legs and outbound calls show (E.164); required to reach an agent by phone.</summary>
    public string? CallerIdNumber { get; set; }

    /// <summary>Agent id → the agent's phone number (E.164), for agents who take calls on a phone rather than in the panel.</summary>
    public Dictionary<string, string> AgentPhoneNumbers { get; set; } = [];

    /// <summary>How long an agent's line rings before the invitation fails (ACS allows 0–180).</summary>
    public int InvitationTimeoutSeconds { get; set; } = 30;

    /// <summary>Where downloaded recordings are kept, relative to <c>Storage:DataDirectory</c> unless absolute.</summary>
    public string RecordingDirectory { get; set; } = "recordings";

    /// <summary>A recording chunk larger than this is refused (and the job fails loudly) rather than filling the disk.</summary>
    public long MaxRecordingBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>mp3 or wav (mixed audio).</summary>
    public string RecordingFormat { get; set; } = "mp3";

    public VoiceCallbackJwtOptions CallbackJwt { get; set; } = new();
}

/// <summary>
/// <c>Voice:CallbackJwt</c>: ACS signs every callback with a JWT (Authorization: Bearer) whose audience is the
/// resource's immutable id. When <see cref="Audience"/> is set the token is required and checked, besides the key.
/// </summary>
public sealed class VoiceCallbackJwtOptions
{
    public const string AcsOpenIdConfiguration = "https://acscallautomation.communication.azure.com/calling/.well-known/acsopenidconfiguration";

    /// <summary>The ACS resource's immutable resource id; empty: callbacks are authenticated by the key only.</summary>
    public string? Audience { get; set; }

    public string OpenIdConfigurationUrl { get; set; } = AcsOpenIdConfiguration;
}
