namespace Connector.Worker.Acs.Wire;

/// <summary><c>POST /calling/callConnections/{id}:recognize</c> (RecognizeRequest, acs.md §4.5): DTMF from one participant.</summary>
internal sealed record CallRecognizeRequest(
    string RecognizeInputType,
    CallPlaySourceWire? PlayPrompt,
    bool InterruptCallMediaOperation,
    CallRecognizeOptionsWire RecognizeOptions,
    string? OperationContext);

internal sealed record CallRecognizeOptionsWire(
    CallIdentifierWire TargetParticipant, bool InterruptPrompt, int InitialSilenceTimeoutInSeconds, CallDtmfOptionsWire DtmfOptions);

internal sealed record CallDtmfOptionsWire(int InterToneTimeoutInSeconds, int MaxTonesToCollect, IReadOnlyList<string>? StopTones);
