namespace Connector.Worker.Acs.Wire;

/// <summary><c>POST /calling/recordings</c> (StartCallRecordingRequest, acs.md §4.8).</summary>
internal sealed record CallStartRecordingRequest(
    string CallConnectionId, string RecordingContentType, string RecordingChannelType, string RecordingFormatType, string? RecordingStateCallbackUri);

/// <summary>RecordingStateResponse.</summary>
internal sealed record CallRecordingStateWire(string? RecordingId, string? RecordingState);
