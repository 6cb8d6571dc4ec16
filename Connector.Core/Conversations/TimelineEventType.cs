using System.Text.Json.Serialization;

namespace Connector.Core.Conversations;

[JsonConverter(typeof(JsonStringEnumConverter<TimelineEventType>))]
public enum TimelineEventType
{
    [JsonStringEnumMemberName("message")] Message,
    [JsonStringEnumMemberName("call_started")] CallStarted,
    [JsonStringEnumMemberName("call_connected")] CallConnected,
    [JsonStringEnumMemberName("call_ended")] CallEnded,
    [JsonStringEnumMemberName("recording_available")] RecordingAvailable,
    [JsonStringEnumMemberName("transcript_available")] TranscriptAvailable,
    [JsonStringEnumMemberName("note")] Note,
    [JsonStringEnumMemberName("disposition")] Disposition,
}
