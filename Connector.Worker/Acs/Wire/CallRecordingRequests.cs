namespace Connector.Worker.Acs.Wire;

/// <summary>
/// <c>POST /calling/recordings</c> (StartCallRecordingRequest,
/// REST spec CallAutomation/stable/2025-05-15 in Azure/azure-rest-api-specs).
/// </summary>
internal sealed record CallStartRecordingRequest(
    string CallConnectionId, string RecordingContentType, string RecordingChannelType, string RecordingFormatType, string? RecordingStateCallbackUri);

/// <summary>RecordingStateResponse.</summary>
internal sealed record CallRecordingStateWire(string? RecordingId, string? RecordingState);
