using System.Text.Json.Serialization;

namespace Connector.Core.Voice;

/// <summary>Where a call is in the contact centre's flow. Callbacks can arrive twice or late; <see cref="CallPhases"/> decides which moves are real.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallPhase>))]
public enum CallPhase
{
    /// <summary>Ringing: we asked ACS to answer (inbound) or to place the call (outbound).</summary>
    [JsonStringEnumMemberName("answering")] Answering,
    /// <summary>Connected to us; the consent announcement is playing.</summary>
    [JsonStringEnumMemberName("consent")] Consent,
    /// <summary>The IVR menu is asking the caller to choose.</summary>
    [JsonStringEnumMemberName("menu")] Menu,
    /// <summary>A routing task exists; the caller hears the queue announcement and music.</summary>
    [JsonStringEnumMemberName("queued")] Queued,
    /// <summary>An agent accepted; ACS is adding them to the call.</summary>
    [JsonStringEnumMemberName("connecting")] Connecting,
    /// <summary>Caller and agent are talking.</summary>
    [JsonStringEnumMemberName("connected")] Connected,
    [JsonStringEnumMemberName("ended")] Ended,
}

/// <summary>The moves a call may make: forward only, except an agent who could not be added sends it back to the queue.</summary>
public static class CallPhases
{
    public static bool CanMove(CallPhase from, CallPhase to) => (from, to) switch
    {
        (CallPhase.Ended, _) => false,
        (_, CallPhase.Ended) => true,
        (CallPhase.Connecting, CallPhase.Queued) => true,
        // A transfer to a queue sends a connected call back to waiting.
        (CallPhase.Connected, CallPhase.Queued) => true,
        _ => to > from,
    };
}
