namespace Connector.Worker.Acs.Wire;

/// <summary><c>POST /calling/callConnections:answer</c> (AnswerCallRequest).</summary>
internal sealed record CallAnswerRequest(
    string IncomingCallContext,
    string CallbackUri,
    string? OperationContext,
    CallIntelligenceOptionsWire? CallIntelligenceOptions,
    CallTranscriptionOptionsWire? TranscriptionOptions);

/// <summary>Azure AI services for text-to-speech prompts and transcription.</summary>
internal sealed record CallIntelligenceOptionsWire(string CognitiveServicesEndpoint);

/// <summary>WebSocketTranscriptionOptions: real-time transcription streamed to <c>transportUrl</c>.</summary>
internal sealed record CallTranscriptionOptionsWire(string TransportType, string Locale, string TransportUrl, bool StartTranscription, bool EnableIntermediateResults);
