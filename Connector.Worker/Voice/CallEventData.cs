using System.Text.Json;
using Connector.Worker.Acs.Wire;

namespace Connector.Worker.Voice;

/// <summary>
/// The <c>data</c> of Call Automation callbacks (the events of the REST spec CallAutomation/stable/2025-05-15 in
/// Azure/azure-rest-api-specs) and of the call events Event Grid brings (IncomingCall, RecordingFileStatusUpdated),
/// read case-insensitively: one record holds the fields of every event type we act on.
/// </summary>
internal sealed record CallEventData(
    string? CallConnectionId,
    string? ServerCallId,
    string? CorrelationId,
    string? OperationContext,
    CallResultInformation? ResultInformation,
    string? RecognitionType,
    CallDtmfResult? DtmfResult,
    IReadOnlyList<CallParticipantData>? Participants,
    int? SequenceNumber,
    string? RecordingId,
    string? State,
    string? Tone,
    int? SequenceId,
    CallIdentifierWire? Participant,
    CallIdentifierWire? TransferTarget)
{
    /// <exception cref="Webhooks.WebhookRejectedException">A field of <c>data</c> has the wrong type.</exception>
    public static CallEventData Read(JsonElement data) =>
        Webhooks.EventDataJson.Read<CallEventData>(data)
        ?? new CallEventData(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
}

internal sealed record CallResultInformation(int? Code, int? SubCode, string? Message);

internal sealed record CallDtmfResult(IReadOnlyList<string>? Tones);

internal sealed record CallParticipantData(CallIdentifierWire? Identifier, bool? IsMuted, bool? IsOnHold);

/// <summary>IncomingCall (Event Grid).</summary>
internal sealed record IncomingCallData(
    CallIdentifierWire? To, CallIdentifierWire? From, string? ServerCallId, string? CallerDisplayName, string? IncomingCallContext, string? CorrelationId)
{
    public static IncomingCallData? Read(JsonElement data) =>
        Webhooks.EventDataJson.Read<IncomingCallData>(data);
}

/// <summary>RecordingFileStatusUpdated (Event Grid).</summary>
internal sealed record RecordingFileData(RecordingStorageInfo? RecordingStorageInfo, DateTimeOffset? RecordingStartTime, long? RecordingDurationMs, string? RecordingContentType, string? RecordingFormatType)
{
    public static RecordingFileData? Read(JsonElement data) =>
        Webhooks.EventDataJson.Read<RecordingFileData>(data);
}

internal sealed record RecordingStorageInfo(IReadOnlyList<RecordingChunkData>? RecordingChunks);

internal sealed record RecordingChunkData(string? DocumentId, int? Index, string? EndReason, string? ContentLocation, string? MetadataLocation, string? DeleteLocation);
