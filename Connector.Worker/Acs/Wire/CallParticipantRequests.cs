namespace Connector.Worker.Acs.Wire;

/// <summary><c>participants:add</c>: invite someone into the call.</summary>
internal sealed record CallAddParticipantRequest(
    CallIdentifierWire ParticipantToAdd, CallPhoneNumberWire? SourceCallerIdNumber, int InvitationTimeoutInSeconds, string? OperationContext);

/// <summary><c>participants:remove</c>.</summary>
internal sealed record CallRemoveParticipantRequest(CallIdentifierWire ParticipantToRemove, string? OperationContext);

/// <summary><c>participants:mute</c> (ACS users only).</summary>
internal sealed record CallMuteParticipantsRequest(IReadOnlyList<CallIdentifierWire> TargetParticipants, string? OperationContext);

/// <summary><c>:transferToParticipant</c>: hand the caller to someone else; in a 1:1 call we lose control of it.</summary>
internal sealed record CallTransferRequest(CallIdentifierWire TargetParticipant, CallIdentifierWire? Transferee, string? OperationContext);

/// <summary><c>:hold</c> (with music) and <c>:unhold</c>.</summary>
internal sealed record CallHoldRequest(CallIdentifierWire TargetParticipant, CallPlaySourceWire? PlaySourceInfo, string? OperationContext);

/// <summary><c>:startContinuousDtmfRecognition</c> / <c>:stopContinuousDtmfRecognition</c>.</summary>
internal sealed record CallContinuousDtmfRequest(CallIdentifierWire TargetParticipant, string? OperationContext);

/// <summary><c>:startTranscription</c> / <c>:stopTranscription</c>.</summary>
internal sealed record CallTranscriptionRequest(string? Locale, string? OperationContext);

/// <summary>What <c>participants:add</c> answers (202).</summary>
internal sealed record CallAddParticipantResponse(string? InvitationId, string? OperationContext);
