namespace Connector.Worker.Acs.Wire;

/// <summary>
/// <c>POST /calling/callConnections/{id}:recognize</c> (RecognizeRequest,
/// REST spec CallAutomation/stable/2025-05-15 in Azure/azure-rest-api-specs): DTMF from one participant.
/// </summary>
internal sealed record CallRecognizeRequest(
    string RecognizeInputType,
    CallPlaySourceWire? PlayPrompt,
    bool InterruptCallMediaOperation,
    CallRecognizeOptionsWire RecognizeOptions,
    string? OperationContext);

internal sealed record CallRecognizeOptionsWire(
    CallIdentifierWire TargetParticipant, bool InterruptPrompt, int InitialSilenceTimeoutInSeconds, CallDtmfOptionsWire DtmfOptions);

internal sealed record CallDtmfOptionsWire(int InterToneTimeoutInSeconds, int MaxTonesToCollect, IReadOnlyList<string>? StopTones);
