namespace Connector.Worker.Acs.Wire;

/// <summary><c>POST /calling/callConnections</c> (CreateCallRequest): an outbound call.</summary>
internal sealed record CallCreateRequest(
    IReadOnlyList<CallIdentifierWire> Targets,
    string CallbackUri,
    CallPhoneNumberWire? SourceCallerIdNumber,
    string? OperationContext,
    CallIntelligenceOptionsWire? CallIntelligenceOptions,
    CallTranscriptionOptionsWire? TranscriptionOptions);
